import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { customers, loadCrmFixtures } from './fixtures.js';
import { startScriptedServer } from './server.js';

const run = promisify(execFile);

async function scrm(args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(process.cwd(), 'bin', 'scrm.js'), ...args], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('scrm sync-crm', () => {
  it('writes to the local NDJSON outbox when no CRM is configured, and refuses a sink whose secret is not set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-sync-cli-'));
    const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'w.duckdb') });
    await loadCrmFixtures(warehouse, customers(5), Date.now());
    await warehouse.close();

    const result = await scrm(['sync-crm', '--warehouse', 'w.duckdb'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('items: 5 churn_flag, 5 segment_tag, 5 price_tag, 3 alert');
    expect(result.stdout).toMatch(/^file \(file\): 14 enqueued, 0 unchanged, 14 delivered, 0 pending, 0 dead, 0 superseded/m);
    expect(readFileSync(join(dir, 'data', 'crm-outbox', 'crm-sync.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(14);

    writeFileSync(join(dir, 'scrm.config.json'), JSON.stringify({ crm: { sinks: [{ type: 'webhook', url: 'http://127.0.0.1:9/in' }] } }));
    const refused = await scrm(['sync-crm', '--warehouse', 'w.duckdb'], dir, { SCRM_WEBHOOK_SECRET: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('scrm: config error: crm sink "webhook": environment variable SCRM_WEBHOOK_SECRET is not set');
  });

  it('exits 1 when an item is dead, with --json too, and names the error code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-sync-cli-dead-'));
    const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'w.duckdb') });
    await loadCrmFixtures(warehouse, customers(2), Date.now());
    await warehouse.close();
    const server = await startScriptedServer(() => ({ status: 200, body: {} }));
    try {
      // The receiver refuses the first alert outright (400): no retry can fix that, the rest go through.
      server.plan = ['400'];
      const sinks = [{ type: 'webhook', url: `${server.url}/in`, items: ['alert'], batch_size: 1 }];
      writeFileSync(join(dir, 'scrm.config.json'), JSON.stringify({ crm: { sinks } }));
      const result = await scrm(['sync-crm', '--warehouse', 'w.duckdb', '--json'], dir, { SCRM_WEBHOOK_SECRET: 's' });
      expect(result.code, result.stderr).toBe(1);
      expect(JSON.parse(result.stdout).sinks[0]).toMatchObject({ sink: 'webhook', enqueued: 3, delivered: 2, dead: 1, errors: { http_400: 1 } });

      writeFileSync(join(dir, 'scrm.config.json'), JSON.stringify({ crm: { sinks: [{ ...sinks[0], name: 'second' }] } }));
      server.plan = ['400'];
      const lines = await scrm(['sync-crm', '--warehouse', 'w.duckdb'], dir, { SCRM_WEBHOOK_SECRET: 's' });
      expect(lines.code).toBe(1);
      expect(lines.stdout).toMatch(/^second \(webhook\): 3 enqueued, 0 unchanged, 2 delivered, 0 pending, 1 dead, 0 superseded; errors: http_400 ×1$/m);
    } finally {
      await server.close();
    }
  });
});
