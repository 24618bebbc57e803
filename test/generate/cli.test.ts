import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScrm as scrm } from '../harness/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scrm-generate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrm generate', () => {
  it('writes a data set and reports it as JSON', async () => {
    const out = join(dir, 'data');
    const result = await scrm(['generate', '--customers', '60', '--days', '21', '--seed', 'cli', '--out', out, '--gzip', '--market', 'HK=1,ES=1', '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ outDir: out, seed: 'cli', customers: 60, endDate: '2026-11-22', startDate: '2026-11-02', timezone: 'Asia/Hong_Kong' });
    expect(summary.messages).toBeGreaterThan(100);
    expect(existsSync(join(out, 'webhooks', '2026-11-22.ndjson.gz'))).toBe(true);
    expect(existsSync(join(out, 'ground-truth.json'))).toBe(true);
  });

  it('refuses to overwrite an earlier data set without --force, exiting 2 (usage) with one clear line', async () => {
    const again = await scrm(['generate', '--customers', '60', '--days', '21', '--out', join(dir, 'data')]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toMatch(/^scrm: generate: .* already holds a data set \(.*\); pass --force to replace it$/);
  });

  it.each([
    [['--customers', 'abc'], 'scrm: generate: --customers: expected a whole number, got "abc"'],
    [['--days', '3'], 'scrm: generate: days: expected a whole number from 14 to 3660, got 3'],
    [['--market', 'HK=1,XX=1'], 'scrm: generate: market: unknown country "XX" (expected HK, TW, ES)'],
    [['--conversations-per-month', 'often'], 'scrm: generate: --conversations-per-month: expected a number such as 1.5, got "often"'],
    [['--conversations-per-month', '99'], 'scrm: generate: conversations per month: expected a number from 0.1 to 60, got 99'],
  ])('%j is a usage error (exit 2) naming the option', async (flags, message) => {
    const result = await scrm(['generate', '--out', join(dir, 'bad'), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(message);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it("gives byte-identical files whatever the machine's time zone and locale", async () => {
    const run = (name: string, env: Record<string, string>) => scrm(['generate', '-n', '40', '-d', '14', '-s', 'tz', '-o', join(dir, name), '--json'], env);
    expect((await run('utc', { TZ: 'UTC', LANG: 'C.UTF-8' })).code).toBe(0);
    expect((await run('ny', { TZ: 'America/New_York', LANG: 'es_ES.UTF-8' })).code).toBe(0);
    const files = readdirSync(join(dir, 'utc'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const path = relative(join(dir, 'utc'), join(file.parentPath, file.name));
      expect(readFileSync(join(dir, 'ny', path)).equals(readFileSync(join(dir, 'utc', path))), path).toBe(true);
    }
  });
});
