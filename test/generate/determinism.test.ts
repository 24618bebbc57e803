import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/generate.js';

const root = mkdtempSync(join(tmpdir(), 'scrm-determinism-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function hashes(dir: string): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else result.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return result;
}

const small = { customers: 150, days: 30 };

describe('generator determinism', () => {
  it('the same seed gives byte-identical files; another seed gives different ones', async () => {
    await generateDataset({ ...small, seed: 'same', outDir: join(root, 'a') });
    await generateDataset({ ...small, seed: 'same', outDir: join(root, 'b') });
    await generateDataset({ ...small, seed: 'other', outDir: join(root, 'c') });
    const [a, b, c] = ['a', 'b', 'c'].map((name) => hashes(join(root, name)));
    expect(a.size).toBeGreaterThan(35);
    expect([...b]).toEqual([...a]);
    for (const name of ['send-log.ndjson', 'orders.csv', 'crm-contacts.csv', 'clicks.ndjson', 'ground-truth.json', 'webhooks/2026-11-20.ndjson']) {
      expect(c.get(name), name).toBeDefined();
      expect(c.get(name), name).not.toBe(a.get(name));
    }
  });

  it('gzip changes only the encoding of the webhook files, deterministically', async () => {
    await generateDataset({ ...small, seed: 'same', outDir: join(root, 'gz1'), gzip: true });
    await generateDataset({ ...small, seed: 'same', outDir: join(root, 'gz2'), gzip: true });
    const [first, second] = [hashes(join(root, 'gz1')), hashes(join(root, 'gz2'))];
    expect([...second]).toEqual([...first]);
    const plain = join(root, 'a', 'webhooks');
    const files = readdirSync(plain);
    expect(readdirSync(join(root, 'gz1', 'webhooks')).sort()).toEqual(files.map((file) => `${file}.gz`).sort());
    for (const file of files) expect(gunzipSync(readFileSync(join(root, 'gz1', 'webhooks', `${file}.gz`))).equals(readFileSync(join(plain, file)))).toBe(true);
    expect(first.get('send-log.ndjson')).toBe(hashes(join(root, 'a')).get('send-log.ndjson'));
  });

  it('does not overwrite an earlier data set unless forced, and then replaces it whole', async () => {
    const dir = join(root, 'force');
    await generateDataset({ ...small, days: 20, seed: 'same', outDir: dir });
    await expect(generateDataset({ ...small, seed: 'same', outDir: dir })).rejects.toThrow(/already holds a data set .*--force/);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await generateDataset({ ...small, seed: 'same', outDir: dir, force: true });
    const files = hashes(dir);
    expect([...files].filter(([name]) => name !== 'notes.txt')).toEqual([...hashes(join(root, 'a'))]);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('rejects bad options with a message naming the option', async () => {
    const outDir = join(root, 'bad');
    await expect(generateDataset({ outDir, customers: 0 })).rejects.toThrow('generate: customers: expected a whole number from 10 to 5000000, got 0');
    await expect(generateDataset({ outDir, days: 3 })).rejects.toThrow(/generate: days:/);
    await expect(generateDataset({ outDir, endDate: '2026-02-30' })).rejects.toThrow(/generate: end date: expected a date as YYYY-MM-DD/);
    await expect(generateDataset({ outDir, timezone: 'Mars/Olympus' })).rejects.toThrow(/generate: timezone:/);
    await expect(generateDataset({ outDir, market: { HK: 0, TW: 0, ES: 0 } })).rejects.toThrow(/generate: market:/);
    await expect(generateDataset({ outDir, conversationsPerMonth: 0 })).rejects.toThrow('generate: conversations per month: expected a number from 0.1 to 60, got 0');
  });

  it('conversations per month sets how often customers write', async () => {
    const options = { customers: 300, days: 60, seed: 'rate' };
    const usual = await generateDataset({ ...options, outDir: join(root, 'usual') });
    const weekly = await generateDataset({ ...options, conversationsPerMonth: 4.4, outDir: join(root, 'weekly') });
    const truth = JSON.parse(readFileSync(weekly.groundTruth, 'utf8')) as { design: { conversations_per_customer_month: number } };
    expect(truth.design.conversations_per_customer_month).toBe(4.4);
    // Four times the rate gives fewer than four times the messages: a customer left unanswered may
    // never write again, and one who writes more meets that sooner.
    expect(weekly.inboundMessages / usual.inboundMessages).toBeGreaterThan(2.5);
    expect(weekly.inboundMessages / usual.inboundMessages).toBeLessThan(4.4);
  });
});
