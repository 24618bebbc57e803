import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmConfigSchema, retrySchema, type CrmConfig } from '../../src/crm-sync/config.js';
import { nextStep } from '../../src/crm-sync/retry.js';
import { syncCrm } from '../../src/crm-sync/run.js';
import { FileSink } from '../../src/crm-sync/sinks/file.js';
import { createSinks } from '../../src/crm-sync/sinks/index.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { alerts, customers, loadCrmFixtures } from './fixtures.js';
import { webhookReceiver } from './receiver.js';
import { startScriptedServer, type ScriptedServer } from './server.js';

const NOW = Date.now();
const env = { SCRM_WEBHOOK_SECRET: 's3cret' };
const failure = { ok: false as const, code: 'http_500', message: 'x', retryable: true };

describe('retry policy', () => {
  it('retries twice at once, then every 5 minutes up to 3 times, by default', () => {
    const policy = retrySchema.parse({});
    const steps = [1, 2, 3, 4, 5, 6].map((n) => nextStep(policy, n, failure));
    expect(steps).toEqual([
      { retry: true, delayMs: 0 },
      { retry: true, delayMs: 0 },
      { retry: true, delayMs: 300_000 },
      { retry: true, delayMs: 300_000 },
      { retry: true, delayMs: 300_000 },
      { retry: false },
    ]);
  });

  it('backs off, honours a longer Retry-After, and gives up at once on what a retry cannot fix', () => {
    const policy = retrySchema.parse({ immediate: 0, later: 3, interval: '1m', backoff: 2 });
    expect([1, 2, 3].map((n) => nextStep(policy, n, failure))).toEqual([60_000, 120_000, 240_000].map((delayMs) => ({ retry: true, delayMs })));
    expect(nextStep(policy, 1, { ...failure, code: 'http_429', retryAfterMs: 90_000 })).toEqual({ retry: true, delayMs: 90_000 });
    expect(nextStep(policy, 1, { ...failure, code: 'http_400', retryable: false })).toEqual({ retry: false });
  });
});

describe('the outbox', () => {
  const list = customers(3);
  let warehouse: Warehouse;
  let server: ScriptedServer;
  let receiver: ReturnType<typeof webhookReceiver>;
  const config = (retry: Record<string, unknown>, extra: Record<string, unknown> = {}): { crm: CrmConfig } => ({
    crm: crmConfigSchema.parse({ sinks: [{ type: 'webhook', url: `${server.url}/in`, items: ['alert'], timeout: '1500ms', ...extra }], retry }),
  });
  const attempts = () =>
    warehouse.query<{ item_key: string; attempt: number; outcome: string; error_code: string | null; delay: number | null }>(
      "SELECT o.item_key, a.attempt, a.outcome, a.error_code, a.next_attempt_at_ms - a.attempted_at_ms AS delay FROM crm_outbox_attempts a JOIN crm_outbox o USING (delivery_id) WHERE a.outcome <> 'sending' ORDER BY o.item_key, a.attempt, a.attempted_at_ms",
    );

  beforeEach(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadCrmFixtures(warehouse, list, NOW);
    receiver = webhookReceiver(env.SCRM_WEBHOOK_SECRET);
    server = await startScriptedServer((request) => receiver.handler(request));
  });
  afterEach(async () => {
    await server.close();
    await warehouse.close();
  });

  it('gives up after the configured attempts, logging each with its error code and delay', async () => {
    server.plan = Array(20).fill('500');
    const summary = await syncCrm(warehouse, config({ immediate: 1, later: 2, interval: '40ms' }), { env });
    expect(summary.sinks[0]).toMatchObject({ delivered: 0, dead: 3, pending: 0, attempts: 12, errors: { http_500: 12 } });
    const log = await attempts();
    for (const alert of alerts(NOW)) {
      expect(log.filter((a) => a.item_key === alert.alert_id).map((a) => [a.attempt, a.outcome, a.error_code, a.delay])).toEqual([
        [1, 'retry', 'http_500', 0],
        [2, 'retry', 'http_500', 40],
        [3, 'retry', 'http_500', 40],
        [4, 'dead', 'http_500', null],
      ]);
    }
    // Dead items stay dead: the next run sends nothing.
    const sent = server.received.length;
    await syncCrm(warehouse, config({ immediate: 1, later: 2, interval: '40ms' }), { env });
    expect(server.received.length).toBe(sent);
  });

  it('leaves a retry that is not due to a later run, which sends it once due', async () => {
    server.plan = ['500'];
    const retry = { immediate: 0, later: 1, interval: '5m' };
    const first = await syncCrm(warehouse, config(retry, { batch_size: 1 }), { env, noWait: true });
    expect(first.sinks[0]).toMatchObject({ delivered: 2, pending: 1 });
    const early = await syncCrm(warehouse, config(retry), { env, noWait: true });
    expect(early.sinks[0]).toMatchObject({ attempts: 0, pending: 1 });
    const due = await syncCrm(warehouse, config(retry), { env, noWait: true, now: () => Date.now() + 300_001 });
    expect(due.sinks[0]).toMatchObject({ attempts: 1, delivered: 1, pending: 0 });
    expect(receiver.accepted.size).toBe(3);
  });

  it('logs an attempt a crash cut short as interrupted, and sends the item again under the same key', async () => {
    server.plan = Array(3).fill('500');
    await syncCrm(warehouse, config({ immediate: 0, later: 1, interval: '1h' }), { env, noWait: true });
    const [open] = await warehouse.query<{ delivery_id: string; item_key: string }>('SELECT delivery_id, item_key FROM crm_outbox ORDER BY delivery_id LIMIT 1');
    // What a process killed in the middle of its second attempt leaves behind.
    await warehouse.insert('crm_outbox_attempts', [
      { delivery_id: open.delivery_id, sink: 'webhook', attempt: 2, outcome: 'sending', attempted_at_ms: NOW, attempted_at: NOW, run_id: 'killed' },
    ]);
    const summary = await syncCrm(warehouse, config({ immediate: 0, later: 1, interval: '1h' }), { env, noWait: true });
    expect(summary.sinks[0]).toMatchObject({ interrupted: 1, delivered: 1, pending: 2 });
    const log = (await attempts()).filter((a) => a.item_key === open.item_key);
    expect(log.map((a) => [a.attempt, a.outcome, a.error_code])).toEqual([
      [1, 'retry', 'http_500'],
      [2, 'interrupted', 'interrupted'],
      [3, 'delivered', null],
    ]);
    expect(receiver.accepted.has(open.delivery_id)).toBe(true);
  });

  it('drops a delivery that a newer one for the same item replaced before it went out', async () => {
    const customerConfig = (): { crm: CrmConfig } => ({
      crm: crmConfigSchema.parse({ sinks: [{ type: 'webhook', url: `${server.url}/in`, items: ['segment_tag'] }], retry: { immediate: 0, later: 1, interval: '1h' } }),
    });
    server.plan = Array(3).fill('500');
    await syncCrm(warehouse, customerConfig(), { env, noWait: true });
    await warehouse.exec("UPDATE mart_customer_segments SET segment = 'active' WHERE customer_key = {key}", { key: list[0].key });
    const summary = await syncCrm(warehouse, customerConfig(), { env, noWait: true });
    expect(summary.sinks[0]).toMatchObject({ enqueued: 1, superseded: 1, delivered: 1, pending: 2 });
    const sent = [...receiver.accepted.values()].map((body) => JSON.parse(body).data);
    expect(sent).toEqual([expect.objectContaining({ customer_key: list[0].key, segment: 'active' })]);
  });
});

describe('the file outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-file-sink-'));
  let warehouse: Warehouse;
  afterAll(async () => warehouse?.close());

  it('is the sink when none is configured', () => {
    const [sink] = createSinks(crmConfigSchema.parse({}), {});
    expect(sink).toBeInstanceOf(FileSink);
    expect((sink as FileSink).path).toMatch(/data\/crm-outbox\/crm-sync\.ndjson$/);
  });

  it('writes each delivery once as an NDJSON line, cutting off a line torn by a crash', async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    const list = customers(10);
    await loadCrmFixtures(warehouse, list, NOW);
    const path = join(dir, 'out', 'crm.ndjson');
    const config = { crm: crmConfigSchema.parse({ sinks: [{ type: 'file', path }] }) };

    const first = await syncCrm(warehouse, config, {});
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(first.sinks[0].delivered);
    const outbox = await warehouse.query<{ delivery_id: string }>('SELECT delivery_id FROM crm_outbox');
    expect(lines.map((line) => JSON.parse(line).delivery_id).sort()).toEqual(outbox.map((r) => r.delivery_id).sort());

    appendFileSync(path, '{"delivery_id":"torn-by-a-cr');
    await warehouse.exec("UPDATE mart_customer_segments SET segment = 'lost' WHERE customer_key = {key}", { key: list[3].key });
    const second = await syncCrm(warehouse, config, {});
    expect(second.sinks[0]).toMatchObject({ enqueued: 1, delivered: 1 });
    const after = readFileSync(path, 'utf8');
    expect(after.endsWith('\n')).toBe(true);
    expect(after.trimEnd().split('\n').map((line) => JSON.parse(line).data.segment ?? null)).toContain('lost');
    expect(after.trimEnd().split('\n')).toHaveLength(lines.length + 1);
  });

  it('never writes a delivery id the file already holds', async () => {
    const path = join(dir, 'again.ndjson');
    const sink = new FileSink({ type: 'file', path, items: ['alert'], timeout: 1000 });
    const delivery = { delivery_id: 'd1', kind: 'alert' as const, key: 'a1', content_hash: 'h', payload: '{}', data: {} };
    writeFileSync(path, '');
    await sink.deliver([delivery]);
    await new FileSink({ type: 'file', path, items: ['alert'], timeout: 1000 }).deliver([delivery]);
    expect(existsSync(path) && readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(1);
  });
});
