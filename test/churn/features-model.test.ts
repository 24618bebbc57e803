import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChurnTables, readFeatureRows, readLabeledRows } from '../../src/churn/features-model.js';
import { configSchema } from '../../src/config/schema.js';
import { customerKey } from '../models/customer-key.js';
import { runTransform } from '../../src/transform/run.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { at, Landing } from '../models/landing.js';

/*
 * A hand-checked fixture (times in UTC; the business zone is Asia/Hong_Kong, UTC+8). as_of is
 * 2026-03-31: the last 7 days start 03-25, 30 days 03-02, 90 days 01-01, the last 4 weeks 03-04,
 * the 4 weeks before 02-04.
 */
const A = '+85291110001';
const B = '+85291110002';
const C = '+85291110003';
const D = '+85291110004';
const E = '+85291110005';
const AS_OF = '2026-03-31';

const config = configSchema.parse({});
const landing = new Landing()
  // A: two interactions in the 4 weeks before, two in the last 4 weeks.
  .inbound('a1', A, at('2026-02-10T02:00:00Z'), 'hola', { sentiment: 0.8 })
  .agent('a1r', A, at('2026-02-10T02:05:00Z'), 'ag1')
  .inbound('a2', A, at('2026-02-20T02:00:00Z'), 'precio', { sentiment: 0.6 })
  .bot('a2r', A, at('2026-02-20T02:00:10Z'))
  .inbound('a3', A, at('2026-03-10T02:00:00Z'), 'tengo una queja', { sentiment: 0.2 })
  .agent('a3r', A, at('2026-03-10T02:10:00Z'), 'ag1')
  // The last conversation runs past as_of: its 03-31 09:00 HKT message counts, its 04-01 04:00 HKT one does not.
  .inbound('a4', A, at('2026-03-30T02:00:00Z'), 'no llega', { sentiment: 0.4 })
  .inbound('a5', A, at('2026-03-31T01:00:00Z'), 'muy mal', { sentiment: 0.1 })
  .agent('a5r', A, at('2026-03-31T01:20:00Z'), 'ag2')
  .inbound('a6', A, at('2026-03-31T20:00:00Z'), 'gracias', { sentiment: 0.9 })
  .campaign('k1', A, at('2026-01-10T03:00:00Z'), 'promo')
  .campaign('k2', A, at('2026-03-15T03:00:00Z'), 'promo')
  .status('k2', A, 'read', at('2026-03-16T03:00:00Z'))
  .campaign('k3', A, at('2026-03-25T03:00:00Z'), 'promo')
  .status('k3', A, 'delivered', at('2026-03-25T03:00:05Z'))
  .status('k3', A, 'read', at('2026-04-02T03:00:00Z'))
  .order({ id: 'o1', phone: A, created: at('2026-03-20T04:00:00Z'), total: 250 })
  .order({ id: 'o2', phone: A, created: at('2026-04-05T04:00:00Z'), total: 999 })
  // B: one unanswered image long ago, an old order; silent afterwards.
  .inbound('b1', B, at('2026-01-15T02:00:00Z'), null, { type: 'image', sentiment: null })
  .order({ id: 'o3', phone: B, created: at('2025-12-20T04:00:00Z'), total: 80 })
  // C: first seen after as_of, and it carries the data to 2026-06-15, past the label horizon.
  .inbound('c1', C, at('2026-06-15T02:00:00Z'), 'hola')
  // D: ordered without writing.
  .order({ id: 'o4', phone: D, created: at('2026-03-01T04:00:00Z'), total: 40 })
  // E: writes on 03-01 and 03-21 (answered), and late on 03-31, answered only the next morning.
  .inbound('e1', E, at('2026-03-01T02:00:00Z'), 'hola')
  .agent('e1r', E, at('2026-03-01T02:03:00Z'), 'ag1')
  .inbound('e2', E, at('2026-03-21T02:00:00Z'), 'precio')
  .agent('e2r', E, at('2026-03-21T02:04:00Z'), 'ag1')
  .inbound('e3', E, at('2026-03-31T14:30:00Z'), 'hola?')
  .agent('e3r', E, at('2026-04-01T01:00:00Z'), 'ag2');

describe.each(TARGETS)('churn feature and label models on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
    await landing.load(warehouse);
    await runTransform(warehouse, config);
  });
  afterAll(async () => warehouse?.close());

  it('computes every feature from what was known at the end of as_of', async () => {
    await buildChurnTables(warehouse, config, AS_OF, true);
    const rows = await readFeatureRows(warehouse);
    expect(rows.map((row) => row.customer_key)).toEqual([customerKey(A), customerKey(B), customerKey(D), customerKey(E)].sort());
    const byKey = new Map(rows.map((row) => [row.customer_key, row]));
    expect(byKey.get(customerKey(A))).toEqual({
      customer_key: customerKey(A),
      as_of: AS_OF,
      features: {
        days_since_last_inbound: 0,
        days_since_last_order: 11,
        inbound_7d: 2,
        inbound_30d: 3,
        inbound_90d: 5,
        weekly_rate_recent: 0.5,
        weekly_rate_prior: 0.5,
        weekly_rate_ratio: 1,
        orders_90d: 1,
        revenue_90d: 250,
        last_conversation_sentiment: expect.closeTo(0.25, 12),
        complaints_30d: 1,
        // turns started 03-10 (answered in 600 s) and 03-30 (answered 03-31, after 84 000 s)
        median_response_s_30d: 42_300,
        // k1 never read, k3 read only after as_of, k2 read
        campaign_unread_share: expect.closeTo(2 / 3, 12),
        // the turn of 03-30/31 was answered on 03-31; the one started 04-01 (local) is after as_of
        last_turn_unanswered: 0,
        // interactions started 02-10, 02-20, 03-10 and 03-30: 48 days over 3 gaps
        interaction_gap_days: 16,
        overdue_ratio: 0,
        rhythm_unknown: 0,
      },
    });
    expect(byKey.get(customerKey(B))?.features).toEqual({
      days_since_last_inbound: 75,
      days_since_last_order: 101,
      inbound_7d: 0,
      inbound_30d: 0,
      inbound_90d: 1,
      weekly_rate_recent: 0,
      weekly_rate_prior: 0,
      weekly_rate_ratio: 1,
      orders_90d: 0,
      revenue_90d: 0,
      last_conversation_sentiment: null,
      complaints_30d: 0,
      median_response_s_30d: null,
      campaign_unread_share: null,
      last_turn_unanswered: 1,
      interaction_gap_days: null,
      overdue_ratio: null,
      rhythm_unknown: 1,
    });
    expect(byKey.get(customerKey(D))?.features).toMatchObject({ days_since_last_inbound: null, days_since_last_order: 30, orders_90d: 1, revenue_90d: 40 });
    expect(byKey.get(customerKey(D))?.features).toMatchObject({ last_turn_unanswered: null, interaction_gap_days: null, overdue_ratio: null, rhythm_unknown: 1 });
    // E's last turn (03-31 22:30 local) was answered on 04-01: unanswered at the end of as_of. Three interactions over 30 days: gap 15.
    expect(byKey.get(customerKey(E))?.features).toMatchObject({ days_since_last_inbound: 0, last_turn_unanswered: 1, interaction_gap_days: 15, overdue_ratio: 0, rhythm_unknown: 0 });
  });

  it('labels churn by the 60 days after as_of', async () => {
    const labels = new Map((await readLabeledRows(warehouse)).map((row) => [row.customer_key, row.label]));
    expect(labels).toEqual(new Map([[customerKey(A), 0], [customerKey(B), 1], [customerKey(D), 1], [customerKey(E), 1]]));
  });

  it('refuses labels whose horizon the data does not reach', async () => {
    await buildChurnTables(warehouse, config, '2026-05-01', true);
    await expect(readLabeledRows(warehouse)).rejects.toThrow(/the data ends before the 60-day label horizon after 2026-05-01/);
  });

  it('defaults as_of to the last local date in the data', async () => {
    await buildChurnTables(warehouse, config, null, false);
    const rows = await readFeatureRows(warehouse);
    expect(new Set(rows.map((row) => row.as_of))).toEqual(new Set(['2026-06-15']));
    expect(rows.find((row) => row.customer_key === customerKey(C))?.features).toMatchObject({ days_since_last_inbound: 0, inbound_7d: 1 });
  });
});
