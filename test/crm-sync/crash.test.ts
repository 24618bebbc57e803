import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { customers, loadCrmFixtures } from './fixtures.js';
import { webhookReceiver } from './receiver.js';
import { startScriptedServer, type ScriptedServer } from './server.js';

const SECRET = 'crash-test-secret';
const KILL_AT = 20; // the 20th webhook request: the receiver does the work, then the sender dies before the answer

function runSync(dir: string, onSpawn: (kill: () => void) => void = () => {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'scrm.js'), 'sync-crm', '--config', join(dir, 'config.json'), '--warehouse', join(dir, 'w.duckdb'), '--json'], {
      env: { ...process.env, SCRM_WEBHOOK_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn(() => child.kill('SIGKILL'));
  });
}

describe('a sync killed in the middle (SIGKILL) and run again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-crash-'));
  const prefix = `t${randomBytes(4).toString('hex')}_`;
  const list = customers(40);
  const receiver = webhookReceiver(SECRET);
  let server: ScriptedServer;
  let db: pg.Client;

  beforeAll(async () => {
    const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'w.duckdb') });
    await loadCrmFixtures(warehouse, list, Date.now());
    await warehouse.close();
    server = await startScriptedServer((request) => receiver.handler(request));
    server.plan = [...Array(KILL_AT - 1).fill('ok'), 'done-then-timeout'];
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        crm: {
          sinks: [
            { type: 'webhook', url: `${server.url}/in`, batch_size: 1, timeout: '5s' },
            { type: 'sql', dialect: 'postgres', host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', table_prefix: prefix, batch_size: 5 },
          ],
        },
      }),
    );
    db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
    await db.connect();
  });
  afterAll(async () => {
    for (const table of ['contacts', 'alerts', 'deliveries']) await db?.query(`DROP TABLE IF EXISTS ${prefix}${table}`);
    await db?.end();
    await server?.close();
  });

  it('delivers the rest on the next run, nothing twice, every attempt accounted for', async () => {
    const killed = await runSync(dir, (kill) => {
      server.onRequest = (_request, index) => {
        if (index === KILL_AT - 1) kill();
      };
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(receiver.accepted.size).toBe(KILL_AT);
    server.onRequest = undefined;

    const resumed = await runSync(dir);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { sinks: { sink: string; enqueued: number; delivered: number; interrupted: number; pending: number; dead: number }[] };
    const [webhook, sql] = summary.sinks;

    const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'w.duckdb') });
    try {
      const outbox = await warehouse.query<{ sink: string; n: number }>('SELECT sink, count(*) AS n FROM crm_outbox GROUP BY sink ORDER BY sink');
      const items = list.filter((c) => c.band !== 'low' || c.recovery).length + list.length + list.filter((c) => c.priceSensitive).length + 3;
      // Enqueued once, by the killed run, for both sinks; the second run found nothing new to enqueue.
      expect(outbox).toEqual([
        { sink: 'sql', n: items },
        { sink: 'webhook', n: items },
      ]);
      expect(webhook).toMatchObject({ enqueued: 0, interrupted: 1, delivered: items - (KILL_AT - 1), pending: 0, dead: 0 });
      expect(sql).toMatchObject({ enqueued: 0, delivered: items, pending: 0, dead: 0 });

      // The webhook receiver holds every item once; the one in flight at the kill came again with the same key and bytes.
      const ids = await warehouse.query<{ delivery_id: string }>("SELECT delivery_id FROM crm_outbox WHERE sink = 'webhook'");
      expect([...receiver.accepted.keys()].sort()).toEqual(ids.map((r) => r.delivery_id).sort());
      expect(receiver.repeats).toHaveLength(1);
      expect(receiver.changedRepeats).toEqual([]);
      expect(receiver.badSignatures).toBe(0);

      const log = await warehouse.query<{ outcome: string; n: number }>(
        "SELECT outcome, count(*) AS n FROM crm_outbox_attempts WHERE sink = 'webhook' GROUP BY outcome ORDER BY outcome",
      );
      expect(log).toEqual([
        { outcome: 'delivered', n: items },
        { outcome: 'interrupted', n: 1 },
        { outcome: 'sending', n: items + 1 },
      ]);
    } finally {
      await warehouse.close();
    }
    const marks = await db.query(`SELECT count(*) AS n, count(DISTINCT delivery_id) AS d FROM ${prefix}deliveries`);
    expect(marks.rows[0]).toEqual({ n: String(sql.delivered), d: String(sql.delivered) });
    const contacts = await db.query(`SELECT count(*) AS n FROM ${prefix}contacts`);
    expect(Number(contacts.rows[0].n)).toBe(list.length);
  });
});
