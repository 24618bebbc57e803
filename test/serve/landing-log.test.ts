import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailyLandingLog, utcDay } from '../../src/serve/landing-log.js';

describe('daily landing log', () => {
  it('writes one file per UTC day and appends to an existing one', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'scrm-landing-')), 'nested', 'landing');
    const log = new DailyLandingLog(dir, 'webhooks');
    await log.append('{"n":1}', new Date('2026-11-20T23:59:59.999Z'));
    await log.append('{"n":2}', new Date('2026-11-21T00:00:00.000Z'));
    await log.close();
    const reopened = new DailyLandingLog(dir, 'webhooks');
    await reopened.append('{"n":3}', new Date('2026-11-21T08:00:00.000Z'));
    await reopened.close();
    expect(readdirSync(dir).sort()).toEqual(['webhooks-20261120.ndjson', 'webhooks-20261121.ndjson']);
    expect(readFileSync(join(dir, 'webhooks-20261120.ndjson'), 'utf8')).toBe('{"n":1}\n');
    expect(readFileSync(join(dir, 'webhooks-20261121.ndjson'), 'utf8')).toBe('{"n":2}\n{"n":3}\n');
  });

  it('keeps every one of many concurrent appends, whole and in its own line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-landing-'));
    const log = new DailyLandingLog(dir, 'clicks');
    const at = new Date('2026-11-20T10:00:00Z');
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(JSON.stringify({ i, pad: 'x'.repeat(i) }), at)));
    await log.close();
    const lines = readFileSync(log.pathFor(utcDay(at)), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('refuses a line with a newline in it', async () => {
    const log = new DailyLandingLog(mkdtempSync(join(tmpdir(), 'scrm-landing-')), 'webhooks');
    await expect(log.append('{"a":1}\n{"b":2}')).rejects.toThrow(/must not contain a newline/);
    await log.close();
  });
});
