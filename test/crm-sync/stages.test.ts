import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsStage } from '../../src/alerts/stage.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { crmSyncStage } from '../../src/crm-sync/stage.js';
import type { StageContext } from '../../src/pipelines/stage.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { day, loadFixtures, TIMEZONE } from '../alerts/fixtures.js';
import { customers, loadCrmFixtures } from './fixtures.js';
import { webhookReceiver } from './receiver.js';
import { startScriptedServer, type ScriptedServer } from './server.js';

function context(warehouse: Warehouse, config: Config, signal = new AbortController().signal) {
  const lines: string[] = [];
  const ctx: StageContext = {
    warehouse,
    config,
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) },
    progress: { start() {}, advance() {}, finish() {} },
    signal,
    run: { id: 'r1', pipeline: 'nightly', step: 'x' },
  };
  return { ctx, lines };
}

describe('pipeline stages', () => {
  let warehouse: Warehouse;
  let server: ScriptedServer;
  const receiver = webhookReceiver('stage-secret');

  beforeAll(async () => {
    process.env.SCRM_STAGE_TEST_SECRET = 'stage-secret';
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadFixtures(warehouse);
    await loadCrmFixtures(warehouse, customers(4), Date.now());
    server = await startScriptedServer((request) => receiver.handler(request));
  });
  afterAll(async () => {
    delete process.env.SCRM_STAGE_TEST_SECRET;
    await server?.close();
    await warehouse?.close();
  });

  it('alerts: validates its options, raises the window’s alerts and logs their sentences', async () => {
    expect(alertsStage.options.safeParse({ date: '2026-02-30' }).success).toBe(false);
    expect(alertsStage.options.safeParse({ every: true }).success).toBe(false);
    const { ctx, lines } = context(warehouse, configSchema.parse({ timezone: TIMEZONE }));
    const summary = await alertsStage.run(ctx, alertsStage.options.parse({ date: day(62) }));
    expect(summary).toMatchObject({ rowsIn: 1, rowsOut: 1, rowsRejected: 0 });
    expect(lines).toEqual([expect.stringMatching(/^info \[critical\] Complaint rate was above 5\.0 % for 3 consecutive days/)]);
  });

  it('crm-sync: stops cleanly while waiting for a retry, and the next run delivers the rest', async () => {
    const config = configSchema.parse({
      crm: { sinks: [{ type: 'webhook', url: `${server.url}/in`, secret_env: 'SCRM_STAGE_TEST_SECRET', items: ['alert'] }], retry: { immediate: 0, later: 1, interval: '1s' } },
    });
    server.plan = ['500'];
    const stop = new AbortController();
    const { ctx } = context(warehouse, config, stop.signal);
    // Stopped (SIGTERM in a pipeline) once the failed delivery is waiting for its retry.
    server.onRequest = (request) => {
      if (request.behaviour === '500') setTimeout(() => stop.abort(), 50);
    };
    await expect(crmSyncStage.run(ctx, crmSyncStage.options.parse({}))).rejects.toThrow(/abort/i);
    server.onRequest = undefined;
    expect(receiver.accepted.size).toBe(3);

    const { ctx: again, lines } = context(warehouse, config);
    const summary = await crmSyncStage.run(again, crmSyncStage.options.parse({}));
    expect(summary).toMatchObject({ rowsIn: 0, rowsOut: 1, rowsRejected: 0 });
    expect(receiver.accepted.size).toBe(4);
    expect(lines).toContain('info webhook: 0 enqueued, 1 delivered, 0 pending, 0 dead');
  });
});
