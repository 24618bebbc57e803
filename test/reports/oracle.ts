import type { Row, Warehouse } from '../../src/warehouse/types.js';
import type { IsoWeek } from '../../src/reports/week.js';

/**
 * Every figure of the real reports for one week, worked out here from the marts by the plainest
 * route (whole rows fetched, arithmetic in TypeScript), independently of the report queries.
 */
export type Figures = Record<string, number | null>;

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + Number(row[column] ?? 0), 0);
const count = (rows: Row[], test: (row: Row) => boolean) => rows.filter(test).length;

/** The exact median (mean of the two middle values when even) and nearest-rank p90 of METRICS.md. */
export function medianAndP90(values: number[]): { median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: null, p90: null };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, p90: sorted[Math.ceil((9 * n) / 10) - 1] };
}

/**
 * `segmentsFrom` is a warehouse whose models were built with as_of on the week's last day: its
 * mart_customer_segments gives the week's segments by the plain per-customer route.
 */
export async function expectedFigures(warehouse: Warehouse, week: IsoWeek, slaSeconds: number, segmentsFrom: Warehouse = warehouse): Promise<Figures> {
  const inWeek = (table: string, column = 'local_date') =>
    warehouse.query(`SELECT * FROM ${table} WHERE ${column} >= CAST({from} AS Date) AND ${column} < CAST({to} AS Date)`, { from: week.start, to: week.end });
  const daily = await inWeek('mart_service_daily');
  const quality = await inWeek('mart_quality_daily');
  const campaigns = await inWeek('mart_campaign_daily');
  const [csat] = await inWeek('mart_csat_weekly', 'week_start');
  const [funnel] = await inWeek('mart_funnel', 'week_start');
  const cost = await inWeek('mart_cost_weekly', 'week_start');
  const responses = (await inWeek('int_turns', 'week_start')).filter((turn) => turn.answered === 1).map((turn) => Number(turn.response_s));
  const { median, p90 } = medianAndP90(responses);
  const clockTurns = (await inWeek('int_service_turns', 'week_start')).filter((turn) => turn.answered === 1);
  const business = clockTurns.filter((turn) => turn.clock === 'bots_count').map((turn) => Number(turn.business_response_s));
  const human = clockTurns.filter((turn) => turn.clock === 'human_only').map((turn) => Number(turn.response_s));
  const businessStats = medianAndP90(business);
  const within = (values: number[]) => ratio(values.filter((seconds) => seconds <= slaSeconds).length, values.length);
  const scores = await latestScores(warehouse, week);
  const segments = await segmentsFrom.query('SELECT * FROM mart_customer_segments WHERE as_of >= CAST({from} AS Date) AND as_of < CAST({to} AS Date)', {
    from: week.start,
    to: week.end,
  });
  const costFigure = (value: number) => (cost.length === 0 ? null : value);
  const whenAny = (rows: Row[], value: number) => (rows.length === 0 ? null : value);
  return {
    inbound_messages: whenAny(daily, sum(daily, 'inbound_messages')),
    turns: whenAny(daily, sum(daily, 'turns')),
    answered_turns: whenAny(daily, sum(daily, 'answered_turns')),
    unanswered_turns: whenAny(daily, sum(daily, 'unanswered_turns')),
    median_response_s: median,
    p90_response_s: p90,
    within_sla_rate: within(responses),
    median_business_response_s: businessStats.median,
    p90_business_response_s: businessStats.p90,
    within_sla_business_rate: within(business),
    median_human_response_s: medianAndP90(human).median,
    within_sla_human_rate: within(human),
    resolution_rate: ratio(sum(quality, 'resolved_conversations'), sum(quality, 'closed_conversations')),
    customer_resolution_rate: ratio(sum(quality, 'customer_resolved_conversations'), sum(quality, 'customer_closed_conversations')),
    complaint_rate: ratio(sum(quality, 'complaint_conversations'), sum(quality, 'conversations')),
    handoff_rate: ratio(sum(quality, 'handoff_conversations'), sum(quality, 'conversations')),
    csat_mean: (csat?.csat_mean as number | null) ?? null,
    csat_responses: (csat?.responses as number | undefined) ?? null,
    ...pick(funnel, [
      'contacted', 'inquired', 'ordered', 'paid', 'contact_to_inquiry_rate', 'inquiry_to_order_rate', 'order_to_paid_rate',
      'overall_conversion_rate', 'median_days_to_order', 'mean_days_to_order', 'discount_customers', 'discount_to_order_rate',
    ]),
    cost: costFigure(sum(cost, 'cost')),
    conversation_cost: costFigure(sum(cost, 'conversation_cost')),
    tool_cost: costFigure(sum(cost, 'tool_cost')),
    billable_conversations: costFigure(sum(cost, 'billable_conversations')),
    outbound_messages: costFigure(sum(cost, 'outbound_messages')),
    cost_per_message: ratio(sum(cost, 'cost'), sum(cost, 'outbound_messages')),
    new_customers: costFigure(sum(cost, 'new_customers')),
    cac: ratio(sum(cost, 'cost'), sum(cost, 'new_customers')),
    paid_orders: costFigure(sum(cost, 'paid_orders')),
    revenue: costFigure(sum(cost, 'revenue')),
    sent: whenAny(campaigns, sum(campaigns, 'sent')),
    delivery_rate: ratio(sum(campaigns, 'delivered'), sum(campaigns, 'sent')),
    read_rate: ratio(sum(campaigns, 'read'), sum(campaigns, 'delivered')),
    ctr: ratio(sum(campaigns, 'clicked'), sum(campaigns, 'delivered')),
    failure_rate: ratio(sum(campaigns, 'failed'), sum(campaigns, 'sent')),
    scored_customers: whenAny(scores, scores.length),
    high_risk: whenAny(scores, count(scores, (s) => s.risk_band === 'high')),
    medium_risk: whenAny(scores, count(scores, (s) => s.risk_band === 'medium')),
    low_risk: whenAny(scores, count(scores, (s) => s.risk_band === 'low')),
    high_risk_share: ratio(count(scores, (s) => s.risk_band === 'high'), scores.length),
    recovery_candidates: whenAny(scores, count(scores, (s) => Number(s.recovery_candidate) === 1)),
    segmented_customers: whenAny(segments, segments.length),
    high_intent: whenAny(segments, count(segments, (s) => s.segment === 'high_intent')),
    lost: whenAny(segments, count(segments, (s) => s.segment === 'lost')),
    potential: whenAny(segments, count(segments, (s) => s.segment === 'potential')),
    active: whenAny(segments, count(segments, (s) => s.segment === 'active')),
    dormant: whenAny(segments, count(segments, (s) => s.segment === 'dormant')),
    price_sensitive: whenAny(segments, count(segments, (s) => Number(s.price_sensitive) === 1)),
  };
}

/** The scores of the latest scoring run dated in the week, as the churn stage keeps them. */
export async function latestScores(warehouse: Warehouse, week: IsoWeek): Promise<Row[]> {
  const rows = await warehouse.query('SELECT * FROM churn_scores_weekly WHERE as_of >= CAST({from} AS Date) AND as_of < CAST({to} AS Date)', {
    from: week.start,
    to: week.end,
  });
  const latest = rows.reduce((max, row) => (String(row.as_of) > max ? String(row.as_of) : max), '');
  return rows.filter((row) => row.as_of === latest);
}

function pick(row: Row | undefined, columns: string[]): Figures {
  return Object.fromEntries(columns.map((column) => [column, row ? ((row[column] as number | null) ?? null) : null]));
}
