import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SAMPLES, tempDir } from './helpers.js';

const SCRM = join(process.cwd(), 'bin', 'scrm.js');

async function scrm(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRM, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('scrm ingest', () => {
  const warehouse = join(tempDir('cli-ingest'), 'w.duckdb');

  it('loads a folder, prints loaded / duplicate / rejected per source, and is idempotent', async () => {
    expect((await scrm(['init', '-w', warehouse])).code).toBe(0);
    const first = await scrm(['ingest', 'whatsapp', join(SAMPLES, 'webhooks'), '-w', warehouse, '--workers', '1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^whatsapp: 6 records from 6 inputs: 10 loaded, 0 duplicate, 0 rejected/);
    expect(first.stdout).toContain('raw_messages: 7 loaded, 0 duplicate');
    const again = await scrm(['ingest', 'whatsapp', join(SAMPLES, 'webhooks'), '-w', warehouse, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ source: 'whatsapp', records: 6, tables: { raw_messages: { loaded: 0, duplicates: 7 }, raw_statuses: { loaded: 0, duplicates: 3 } } });
    const orders = await scrm(['ingest', 'orders', join(SAMPLES, 'orders.csv'), '-w', warehouse]);
    expect(orders.code).toBe(0);
    expect(orders.stdout).toContain('1 rejected');
    expect(orders.stdout).toContain('rejected 1: customer_phone: not a valid phone number');
  });

  it('exits non-zero only when nothing could be read, and refuses an unknown source', async () => {
    const missing = await scrm(['ingest', 'clicks', '/no/such/file.ndjson', '-w', warehouse]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('could not read /no/such/file.ndjson');
    const partly = await scrm(['ingest', 'clicks', '/no/such/file.ndjson', join(SAMPLES, 'clicks.ndjson'), '-w', warehouse]);
    expect(partly.code).toBe(0);
    const unknown = await scrm(['ingest', 'fax', 'x', '-w', warehouse]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are .*whatsapp/);
  });
});
