import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmConfigSchema } from '../../src/crm-sync/config.js';
import { canonicalJson, sha256, type Json } from '../../src/crm-sync/items.js';
import { syncCrm } from '../../src/crm-sync/run.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { alerts, customers, loadCrmFixtures, sendsChurnFlag } from './fixtures.js';
import { webhookReceiver, validSignature, type WebhookReceiver } from './receiver.js';
import { startScriptedServer, type ScriptedServer } from './server.js';

const SECRET = 'webhook-secret-for-tests';
const env = { SCRM_WEBHOOK_SECRET: SECRET };
const NOW = Date.now();

describe.each(TARGETS)('webhook sink through the outbox on $name', (target) => {
  const list = customers(12);
  const expectedItems =
    list.filter(sendsChurnFlag).length + list.length + list.filter((c) => c.priceSensitive).length + alerts(NOW).length;
  let warehouse: Warehouse;
  let server: ScriptedServer;
  let receiver: WebhookReceiver;
  let config: { crm: ReturnType<typeof crmConfigSchema.parse> };

  beforeAll(async () => {
    warehouse = await target.open();
    await loadCrmFixtures(warehouse, list, NOW);
    receiver = webhookReceiver(SECRET);
    server = await startScriptedServer((request) => receiver.handler(request));
    config = {
      crm: crmConfigSchema.parse({
        sinks: [{ type: 'webhook', url: `${server.url}/hooks/scrm`, timeout: '1500ms' }],
        retry: { immediate: 2, later: 3, interval: '50ms' },
        wait_up_to: '10s',
      }),
    };
  });
  afterAll(async () => {
    await server?.close();
    await warehouse?.close();
  });

  it('delivers every item exactly once, signed, through a 500, a 429 with Retry-After, a timeout and a lost answer', async () => {
    server.plan = ['500', '429', 'timeout', 'done-then-timeout'];
    const summary = await syncCrm(warehouse, config, { env, now: () => Date.now() });

    const outbox = await warehouse.query<{ delivery_id: string; payload: string; content_hash: string }>(
      "SELECT delivery_id, payload, content_hash FROM crm_outbox WHERE sink = 'webhook'",
    );
    expect(outbox).toHaveLength(expectedItems);
    expect([...receiver.accepted.keys()].sort()).toEqual(outbox.map((row) => row.delivery_id).sort());
    for (const row of outbox) {
      const body = JSON.parse(receiver.accepted.get(row.delivery_id) as string) as { delivery_id: string; content_hash: string; data: Json };
      expect(body.delivery_id).toBe(row.delivery_id);
      expect(body.content_hash).toBe(sha256(canonicalJson(body.data)));
      expect(canonicalJson(body.data)).toBe(row.payload);
    }
    // The answer lost after the work was done made the one repeat, byte-identical and dropped by its key.
    expect(receiver.repeats).toHaveLength(1);
    expect(receiver.changedRepeats).toEqual([]);
    expect(receiver.badSignatures).toBe(0);
    expect(server.received.every((request) => validSignature(request, SECRET))).toBe(true);
    expect(server.received).toHaveLength(expectedItems + 4);

    // After the 429, nothing went to the server until its Retry-After (1 s) had passed.
    const limited = server.received.findIndex((r) => r.behaviour === '429');
    expect(server.received[limited + 1].at - server.received[limited].at).toBeGreaterThanOrEqual(1000);

    const attempts = await warehouse.query<{ outcome: string; error_code: string | null; n: number }>(
      "SELECT outcome, error_code, count(*) AS n FROM crm_outbox_attempts WHERE sink = 'webhook' GROUP BY outcome, error_code ORDER BY outcome, error_code",
    );
    // The rest of the first batch of 10 after the 500 and the 429 was held back unsent (deferred, not a
    // failure); later batches waited for the Retry-After before being logged or sent.
    expect(attempts).toEqual([
      { outcome: 'deferred', error_code: null, n: 8 },
      { outcome: 'delivered', error_code: null, n: expectedItems },
      { outcome: 'retry', error_code: 'http_429', n: 1 },
      { outcome: 'retry', error_code: 'http_500', n: 1 },
      { outcome: 'retry', error_code: 'timeout', n: 2 },
      { outcome: 'sending', error_code: null, n: expectedItems + 4 + 8 },
    ]);
    const perDelivery = await warehouse.query<{ n: number }>(
      "SELECT count(*) AS n FROM crm_outbox_attempts WHERE sink = 'webhook' AND outcome = 'delivered' GROUP BY delivery_id HAVING count(*) <> 1",
    );
    expect(perDelivery).toEqual([]);
    expect(summary.sinks[0]).toMatchObject({ sink: 'webhook', enqueued: expectedItems, delivered: expectedItems, pending: 0, dead: 0, deferred: 8, errors: { http_500: 1, http_429: 1, timeout: 2 } });
  });

  it('sends nothing again, and a changed item once more under a new key chained to the last one', async () => {
    const before = server.received.length;
    const again = await syncCrm(warehouse, config, { env });
    expect(server.received.length).toBe(before);
    expect(again.sinks[0]).toMatchObject({ enqueued: 0, unchanged: expectedItems, delivered: 0 });

    // A new scoring in which one high-risk customer dropped to low risk: the CRM must hear of it.
    const changed = list.find((c) => c.band === 'high' && !c.recovery) as (typeof list)[number];
    await warehouse.exec(
      // Positional INSERT … SELECT without aliases: ClickHouse would let an alias named like a column capture it in WHERE.
      "INSERT INTO churn_scores SELECT customer_key, CAST('2026-05-02' AS DATE), probability, CASE WHEN customer_key = {key} THEN 'low' ELSE risk_band END, reason_1, reason_2, reason_3, recovery_candidate, suggested_action, model_version FROM churn_scores WHERE as_of = CAST('2026-05-01' AS DATE)",
      { key: changed.key },
    );
    const third = await syncCrm(warehouse, config, { env });
    expect(third.sinks[0]).toMatchObject({ enqueued: 1, delivered: 1 });
    const [latest, earlier] = await warehouse.query<{ delivery_id: string; previous_delivery_id: string | null; payload: string }>(
      "SELECT delivery_id, previous_delivery_id, payload FROM crm_outbox WHERE sink = 'webhook' AND kind = 'churn_flag' AND item_key = {key} ORDER BY enqueued_at_ms DESC",
      { key: changed.key },
    );
    expect(latest.previous_delivery_id).toBe(earlier.delivery_id);
    expect(JSON.parse(latest.payload)).toMatchObject({ risk_band: 'low' });
    expect(JSON.parse(receiver.accepted.get(latest.delivery_id) as string).data.risk_band).toBe('low');
  });
});
