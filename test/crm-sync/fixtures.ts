import type { Alert } from '../../src/alerts/alert.js';
import { alertId } from '../../src/alerts/alert.js';
import { ensureAlertsTable } from '../../src/alerts/store.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { createFixtureTable } from '../helpers/fixture-tables.js';

/**
 * Churn scores, segments, CRM identities and alerts standing in for what the churn, models and
 * alert stages write, with the items each sink should receive worked out beside them.
 */

export const LATEST = '2026-05-01';
const SEGMENTS = ['high_intent', 'lost', 'potential', 'active', 'dormant'];
/** mart_customer_segments.action by segment ('none' goes to the CRM as no action). */
export const ACTIONS: Record<string, string> = {
  high_intent: 'send_discount_10',
  lost: 'low_priority_list',
  potential: 'weekly_follow_up',
  active: 'none',
  dormant: 'none',
};

/** What the CRM receives as the segment's suggested action. */
export const segmentAction = (segment: string): string | null => (ACTIONS[segment] === 'none' ? null : ACTIONS[segment]);

export interface Customer {
  key: string;
  crmId: string | null;
  band: 'high' | 'medium' | 'low';
  probability: number;
  recovery: boolean;
  segment: string;
  priceSensitive: boolean;
}

export function customers(count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const band = (['high', 'medium', 'low'] as const)[i % 3];
    return {
      key: `c_${String(i).padStart(4, '0')}`,
      crmId: i % 5 === 4 ? null : `hs-${1000 + i}`,
      band,
      probability: { high: 0.81234, medium: 0.45, low: 0.1 }[band] + (i % 10) / 1000,
      recovery: i % 7 === 0,
      segment: SEGMENTS[i % SEGMENTS.length],
      priceSensitive: i % 4 === 0,
    };
  });
}

/** Whether a customer has anything to tell a CRM that never heard of it. */
export const sendsChurnFlag = (c: Customer) => c.band !== 'low' || c.recovery;

export function alerts(nowMs: number): Alert[] {
  return [
    ['complaint_rate_high', '2026-04-28', '2026-04-30', '', 'critical'],
    ['agent_slow_week', '2026-04-20', '2026-04-26', 'a2', 'warning'],
    ['revenue_outlier', '2026-04-30', '2026-04-30', '', 'info'],
  ].map(([rule, start, end, dimension, severity], i) => ({
    alert_id: alertId(rule, start, dimension),
    rule_id: rule,
    kind: 'threshold',
    severity: severity as Alert['severity'],
    source: 'kpi_daily',
    metric: 'm',
    grain: 'day',
    dimension,
    dimension_kind: dimension ? 'agent' : '',
    period_start: start,
    period_end: end,
    value: 0.07 + i,
    expected: 0.05,
    evidence: '{}',
    message: `Alert number ${i} for ${rule}.`,
    raised_at_ms: nowMs - 3_600_000,
  }));
}

export async function loadCrmFixtures(warehouse: Warehouse, list: Customer[], nowMs: number): Promise<void> {
  await createFixtureTable(
    warehouse,
    'churn_scores',
    {
      customer_key: 'text',
      as_of: 'date',
      probability: 'float',
      risk_band: 'text',
      reason_1: 'nullableText',
      reason_2: 'nullableText',
      reason_3: 'nullableText',
      recovery_candidate: 'int',
      suggested_action: 'nullableText',
      model_version: 'text',
    },
    '(as_of, customer_key)',
  );
  const score = (c: Customer, asOf: string, band: string) => ({
    customer_key: c.key,
    as_of: asOf,
    probability: c.probability,
    risk_band: band,
    reason_1: 'days since last message: 40',
    reason_2: c.band === 'high' ? 'complaints in 30 days: 2' : null,
    reason_3: null,
    recovery_candidate: c.recovery ? 1 : 0,
    suggested_action: c.recovery ? 'Send a 15 % discount code' : null,
    model_version: 'v1',
  });
  // An older scoring that says otherwise: only the latest as_of counts.
  await warehouse.insert('churn_scores', [...list.map((c) => score(c, LATEST, c.band)), ...list.map((c) => score(c, '2026-04-24', 'high'))]);

  await createFixtureTable(
    warehouse,
    'mart_customer_segments',
    { customer_key: 'text', as_of: 'date', segment: 'text', action: 'text', price_sensitive: 'int' },
    'customer_key',
  );
  await warehouse.insert(
    'mart_customer_segments',
    list.map((c) => ({ customer_key: c.key, as_of: LATEST, segment: c.segment, action: ACTIONS[c.segment], price_sensitive: c.priceSensitive ? 1 : 0 })),
  );

  await createFixtureTable(warehouse, 'stg_customers', { crm_id: 'text', phones: 'textArray' }, 'crm_id');
  await createFixtureTable(warehouse, 'stg_identity', { phone: 'text', customer_key: 'text' }, 'phone');
  const phone = (c: Customer, n: number) => `+8529${c.key.slice(2)}${n}`;
  await warehouse.insert(
    'stg_customers',
    list.filter((c) => c.crmId).map((c) => ({ crm_id: c.crmId, phones: [phone(c, 1), phone(c, 2)] })),
  );
  await warehouse.insert(
    'stg_identity',
    list.flatMap((c) => [
      { phone: phone(c, 1), customer_key: c.key },
      { phone: phone(c, 2), customer_key: c.key },
    ]),
  );

  await ensureAlertsTable(warehouse);
  await warehouse.insert(
    'alerts',
    alerts(nowMs).map((a) => ({ ...a, raised_at: a.raised_at_ms })),
  );
}
