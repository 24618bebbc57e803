import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmConfigSchema } from '../../src/crm-sync/config.js';
import { syncCrm } from '../../src/crm-sync/run.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { alerts, customers, loadCrmFixtures, segmentAction, sendsChurnFlag, type Customer } from './fixtures.js';
import { startScriptedServer, type Received, type ScriptedServer } from './server.js';

const TOKEN = 'pat-na1-test-token';
const env = { SCRM_HUBSPOT_TOKEN: TOKEN };
const NOW = Date.now();

interface Input {
  id?: string;
  idProperty?: string;
  objectWriteTraceId?: string;
  properties: Record<string, string>;
}

/** HubSpot's CRM API as far as the sink uses it: contacts batch update, tasks batch create and upsert. */
function fakeHubSpot(unknownContacts: Set<string>) {
  const contacts = new Map<string, Record<string, string>>();
  const tasks = new Map<string, Record<string, string>>();
  /** How many times each contact property was written: "contact-id property" → writes. */
  const writes = new Map<string, number>();
  let nextTask = 1;
  const handler = (request: Received) => {
    const { inputs } = JSON.parse(request.body) as { inputs: Input[] };
    if (request.path === '/crm/v3/objects/contacts/batch/update') {
      const ids = inputs.map((input) => input.id as string);
      if (new Set(ids).size !== ids.length) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Duplicate IDs found in batch input' } };
      const missing = ids.filter((id) => unknownContacts.has(id));
      for (const input of inputs) {
        if (unknownContacts.has(input.id as string)) continue;
        contacts.set(input.id as string, { ...contacts.get(input.id as string), ...input.properties });
        for (const property of Object.keys(input.properties)) writes.set(`${input.id} ${property}`, (writes.get(`${input.id} ${property}`) ?? 0) + 1);
      }
      const results = ids.filter((id) => !unknownContacts.has(id)).map((id) => ({ id, properties: contacts.get(id) }));
      if (missing.length === 0) return { status: 200, body: { status: 'COMPLETE', results } };
      return {
        status: 207,
        body: { status: 'COMPLETE', results, numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found', context: { ids: missing } }] },
      };
    }
    if (request.path === '/crm/v3/objects/tasks/batch/create' || request.path === '/crm/v3/objects/tasks/batch/upsert') {
      const upsert = request.path.endsWith('upsert');
      const results = inputs.map((input) => {
        const id = upsert ? `task-${input.id}` : `task-${nextTask++}`;
        tasks.set(id, input.properties);
        return { id, objectWriteTraceId: input.objectWriteTraceId, properties: input.properties };
      });
      return { status: 201, body: { status: 'COMPLETE', results } };
    }
    return { status: 404, body: { message: `no route ${request.path}` } };
  };
  return { contacts, tasks, writes, handler };
}

function expectedProperties(c: Customer): Record<string, string> {
  const properties: Record<string, string> = { scrm_segment: c.segment, scrm_segment_action: segmentAction(c.segment) ?? '' };
  if (sendsChurnFlag(c)) {
    Object.assign(properties, {
      scrm_churn_risk: c.band,
      scrm_churn_probability: String(Math.round(c.probability * 100) / 100),
      scrm_churn_reasons: c.band === 'high' ? 'days since last message: 40; complaints in 30 days: 2' : 'days since last message: 40',
      scrm_recovery_candidate: String(c.recovery),
      scrm_churn_action: c.recovery ? 'Send a 15 % discount code' : '',
    });
  }
  if (c.priceSensitive) properties.scrm_price_sensitive = 'true';
  return properties;
}

describe('HubSpot sink through the outbox', () => {
  const list = customers(180);
  const unknown = list.find((c) => c.crmId && c.segment === 'lost') as Customer;
  let warehouse: Warehouse;
  let server: ScriptedServer;
  let hubspot: ReturnType<typeof fakeHubSpot>;

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadCrmFixtures(warehouse, list, NOW);
    hubspot = fakeHubSpot(new Set([unknown.crmId as string]));
    server = await startScriptedServer((request) => hubspot.handler(request));
  });
  afterAll(async () => {
    await server?.close();
    await warehouse?.close();
  });

  it('updates contact properties in batches of at most 100 and creates one task per alert, through 500, 429 and a timeout', async () => {
    server.plan = ['500', '429', 'timeout'];
    const config = {
      crm: crmConfigSchema.parse({
        sinks: [{ type: 'hubspot', base_url: `${server.url}/`, timeout: '1500ms' }],
        retry: { immediate: 2, later: 3, interval: '50ms' },
      }),
    };
    const summary = await syncCrm(warehouse, config, { env });

    expect(server.received.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    for (const request of server.received.filter((r) => r.path.includes('contacts'))) {
      const ids = (JSON.parse(request.body) as { inputs: Input[] }).inputs.map((i) => i.id);
      expect(ids.length).toBeLessThanOrEqual(100);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const limited = server.received.findIndex((r) => r.behaviour === '429');
    expect(server.received[limited + 1].at - server.received[limited].at).toBeGreaterThanOrEqual(1000);

    const addressable = list.filter((c) => c.crmId && c !== unknown);
    expect([...hubspot.contacts.keys()].sort()).toEqual(addressable.map((c) => c.crmId).sort());
    for (const c of addressable) expect(hubspot.contacts.get(c.crmId as string)).toEqual(expectedProperties(c));
    // Exactly once: through the 500, the 429 and the timeout, each property of each contact was written one time.
    expect([...hubspot.writes.keys()].sort()).toEqual(addressable.flatMap((c) => Object.keys(expectedProperties(c)).map((p) => `${c.crmId} ${p}`)).sort());
    expect([...hubspot.writes.values()].every((n) => n === 1)).toBe(true);

    const tasks = [...hubspot.tasks.values()].sort((a, b) => a.hs_task_subject.localeCompare(b.hs_task_subject));
    expect(tasks).toHaveLength(3);
    const complaint = alerts(NOW)[0];
    expect(tasks.find((t) => t.hs_task_subject.includes('complaint_rate_high'))).toEqual({
      hs_timestamp: new Date(complaint.raised_at_ms).toISOString(),
      hs_task_subject: '[critical] complaint_rate_high 2026-04-28 to 2026-04-30',
      hs_task_body: complaint.message,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hs_task_type: 'TODO',
    });
    expect(tasks.map((t) => t.hs_task_priority).sort()).toEqual(['HIGH', 'LOW', 'MEDIUM']);

    // The contact HubSpot does not know: its items are dead at once (no retry can fix a 207 OBJECT_NOT_FOUND).
    const unknownItems = 1 + (sendsChurnFlag(unknown) ? 1 : 0) + (unknown.priceSensitive ? 1 : 0);
    const dead = await warehouse.query<{ item_key: string; error_code: string; attempt: number }>(
      "SELECT o.item_key, a.error_code, a.attempt FROM crm_outbox_attempts a JOIN crm_outbox o USING (delivery_id) WHERE a.outcome = 'dead' ORDER BY o.kind",
    );
    expect(dead).toHaveLength(unknownItems);
    expect(dead.every((d) => d.item_key === unknown.key && d.error_code === 'hubspot_OBJECT_NOT_FOUND')).toBe(true);

    // Every item enqueued for HubSpot ended once, delivered or dead, and each failed attempt is logged with its code.
    const ends = await warehouse.query<{ item_key: string; delivered: number; dead: number }>(
      "SELECT o.item_key, sum(CASE WHEN a.outcome = 'delivered' THEN 1 ELSE 0 END) AS delivered, sum(CASE WHEN a.outcome = 'dead' THEN 1 ELSE 0 END) AS dead FROM crm_outbox o LEFT JOIN crm_outbox_attempts a USING (delivery_id) WHERE o.sink = 'hubspot' GROUP BY o.delivery_id, o.item_key",
    );
    expect(ends).toHaveLength(summary.sinks[0].enqueued);
    for (const end of ends) expect([end.item_key, Number(end.delivered), Number(end.dead)]).toEqual([end.item_key, end.item_key === unknown.key ? 0 : 1, end.item_key === unknown.key ? 1 : 0]);
    const failures = await warehouse.query<{ error_code: string; n: number }>(
      "SELECT error_code, count(*) AS n FROM crm_outbox_attempts WHERE sink = 'hubspot' AND outcome IN ('retry', 'dead') GROUP BY error_code ORDER BY error_code",
    );
    expect(Object.fromEntries(failures.map((f) => [f.error_code, Number(f.n)]))).toEqual(summary.sinks[0].errors);
    expect(failures.map((f) => f.error_code)).toEqual(['http_429', 'http_500', 'hubspot_OBJECT_NOT_FOUND', 'timeout']);

    const withoutContact = list.filter((c) => !c.crmId);
    // Only items with something to say count: a low risk or no price sensitivity is not sent to a new contact anyway.
    const notAddressable = withoutContact.reduce((n, c) => n + 1 + (sendsChurnFlag(c) ? 1 : 0) + (c.priceSensitive ? 1 : 0), 0);
    expect(summary.sinks[0]).toMatchObject({ sink: 'hubspot', not_addressable: notAddressable, dead: unknownItems, pending: 0 });
    expect(summary.sinks[0].errors).toMatchObject({ http_500: expect.any(Number), http_429: expect.any(Number), timeout: expect.any(Number), hubspot_OBJECT_NOT_FOUND: unknownItems });
  });

  it.each([
    ['upserted by a unique property: an answer lost after HubSpot wrote the task makes no second one', 'scrm_alert_id', 3],
    ['created (no unique property): the same lost answer leaves a duplicate task, as HubSpot has no idempotency key', undefined, 4],
  ])('tasks %s', async (_title, taskIdProperty, tasksInHubSpot) => {
    const fresh = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadCrmFixtures(fresh, list.slice(0, 3), NOW);
    const api = fakeHubSpot(new Set());
    const tasksServer = await startScriptedServer((request) => api.handler(request));
    try {
      tasksServer.plan = ['ok', 'done-then-timeout'];
      const config = {
        crm: crmConfigSchema.parse({
          sinks: [{ type: 'hubspot', base_url: tasksServer.url, timeout: '1500ms', task_id_property: taskIdProperty, items: ['alert'], batch_size: 2 }],
          retry: { immediate: 2, later: 0 },
        }),
      };
      const summary = await syncCrm(fresh, config, { env });
      expect(summary.sinks[0]).toMatchObject({ delivered: 3, errors: { timeout: 1 } });
      const path = `/crm/v3/objects/tasks/batch/${taskIdProperty ? 'upsert' : 'create'}`;
      expect(tasksServer.received.map((r) => r.path)).toEqual([path, path, path]);
      const inputs = tasksServer.received.flatMap((r) => (JSON.parse(r.body) as { inputs: Input[] }).inputs);
      expect(inputs.every((i) => i.idProperty === taskIdProperty)).toBe(true);
      expect(api.tasks.size).toBe(tasksInHubSpot);
      if (taskIdProperty) expect([...api.tasks.keys()].sort()).toEqual(alerts(NOW).map((a) => `task-${a.alert_id}`).sort());
    } finally {
      await tasksServer.close();
      await fresh.close();
    }
  });
});
