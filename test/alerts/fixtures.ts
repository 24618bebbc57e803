import { addDays, shiftPeriod } from '../../src/alerts/calendar.js';
import { Random } from '../../src/generate/random.js';
import type { InsertRow, Warehouse } from '../../src/warehouse/types.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import { createFixtureTable } from '../helpers/fixture-tables.js';

/**
 * Fixture series with anomalies planted on known days over seeded noise, written into tables with
 * the marts' names and columns, so the shipped rules run unchanged on every engine.
 */

export const START = '2026-01-05'; // a Monday
export const DAYS = 120;
export const LAST_DAY = addDays(START, DAYS - 1);
export const TIMEZONE = 'Asia/Hong_Kong';
const HOUR = 3_600_000;

export function day(index: number): string {
  return addDays(START, index);
}

export function week(index: number): string {
  return shiftPeriod(START, 'week', index);
}

/** Deterministic noise: the generator's seeded source, as a function. */
function random(seed: string): () => number {
  const source = new Random(seed);
  return () => source.next();
}

/** Plants, by day index. */
export const PLANTED = {
  complaintRuns: [
    [60, 61, 62], // three days: fires once, on day 62, keyed by day 60
    [100, 101, 102, 103], // four days: still one alert, keyed by day 100
  ],
  complaintShortRun: [80, 81], // two days: not enough
  complaintSpike: 110, // one day of 30 %: an outlier, not a run
  slaLowRun: [40, 41], // two days under 80 %: fires
  slaLowSingle: 50, // one day: not enough
  volumeDrops: [90, 91], // -40 % against the same weekday of the previous weeks
  failureSpike: 70,
  failureSpikeTooEarly: 5, // before 14 days of history: silent
  revenueSpike: 95,
} as const;

export function kpiRows(): InsertRow[] {
  const rand = random('kpi');
  const noise = (center: number, spread: number) => center * (1 + (rand() * 2 - 1) * spread);
  const rows: InsertRow[] = [];
  for (let i = 0; i < DAYS; i++) {
    const date = day(i);
    const weekend = i % 7 >= 5;
    let inbound = Math.round(noise(weekend ? 120 : 200, 0.05));
    if ((PLANTED.volumeDrops as readonly number[]).includes(i)) inbound = Math.round(inbound * 0.6);
    let complaint = 0.02 + rand() * 0.025;
    // Over 5 % by more than chance on a day of 35–65 conversations (the rule tests the count at the
    // bound), yet not improbable enough at the usual rate to be a one-day spike.
    if (PLANTED.complaintRuns.some((run) => (run as readonly number[]).includes(i)) || (PLANTED.complaintShortRun as readonly number[]).includes(i)) {
      complaint = 0.135 + rand() * 0.005;
    }
    if (i === PLANTED.complaintSpike) complaint = 0.3;
    let sla = 0.85 + rand() * 0.1;
    if ((PLANTED.slaLowRun as readonly number[]).includes(i) || i === PLANTED.slaLowSingle) sla = 0.7 + rand() * 0.05;
    let failure = 0.02 + rand() * 0.015;
    if (i === PLANTED.failureSpike) failure = 0.12;
    if (i === PLANTED.failureSpikeTooEarly) failure = 0.2;
    let revenue = noise(5000, 0.1);
    if (i === PLANTED.revenueSpike) revenue = 20000;
    const outbound = Math.round(noise(300, 0.1));
    const orders = Math.round(noise(40, 0.2));
    rows.push({
      local_date: date,
      inbound_messages: inbound,
      turns: Math.round(inbound * 0.6),
      median_response_s: noise(240, 0.2),
      within_sla_rate: sla,
      conversations: Math.round(inbound * 0.3),
      complaint_rate: complaint,
      handoff_rate: rand() * 0.05,
      resolution_rate: 0.7 + rand() * 0.2,
      outbound_messages: outbound,
      failed_messages: Math.round(outbound * failure),
      failure_rate: failure,
      orders,
      paid_orders: Math.round(orders * 0.8),
      revenue,
    });
  }
  return rows;
}

export const AGENT_WEEKS = 17;
export const SLOW_AGENT = { agent: 'a2', week: 6 };
export const SLOW_BOT_WEEK = 3;

export function agentRows(): InsertRow[] {
  const rand = random('agents');
  const rows: InsertRow[] = [];
  for (let w = 0; w < AGENT_WEEKS; w++) {
    for (const agent of ['a1', 'a2', 'a3', 'bot']) {
      let mean = agent === 'bot' ? 5 + rand() * 5 : 200 + rand() * 120;
      if (agent === SLOW_AGENT.agent && w === SLOW_AGENT.week) mean = 420;
      if (agent === 'bot' && w === SLOW_BOT_WEEK) mean = 500; // the rule excludes the bot
      rows.push({
        week_start: week(w),
        agent_id: agent,
        answered_turns: Math.round(100 + rand() * 50),
        median_response_s: mean * 0.8,
        mean_response_s: mean,
        slow_rate: rand() * 0.2,
      });
    }
  }
  return rows;
}

export const CONVERSION_DROP_WEEK = 8;
/** The data ends on day 119 (a Monday): weeks 15 and 16 end less than 14 days before, so are still settling. */
export const CONVERSION_UNSETTLED_DROP_WEEK = 15;

export function funnelRows(): InsertRow[] {
  const rand = random('funnel');
  return Array.from({ length: AGENT_WEEKS }, (_, w) => {
    const contacted = 500 + Math.round(rand() * 50);
    const rate = w === CONVERSION_DROP_WEEK || w === CONVERSION_UNSETTLED_DROP_WEEK ? 0.12 : 0.2 + (rand() * 2 - 1) * 0.01;
    return { week_start: week(w), contacted, paid: Math.round(contacted * rate), overall_conversion_rate: rate };
  });
}

/** Local wall-clock time in Hong Kong (UTC+8) as epoch ms. */
export function hk(date: string, hour: number, minute = 0): number {
  return Date.parse(`${date}T00:00:00Z`) + (hour - 8) * HOUR + minute * 60_000;
}

let messageSeq = 0;
function message(customer: string, direction: 'inbound' | 'outbound', ts: number, extra: Partial<Record<string, unknown>> = {}): InsertRow {
  messageSeq += 1;
  return {
    message_id: `wamid.f${messageSeq}`,
    phone_number_id: 'pn-1',
    customer_key: customer,
    direction,
    is_content: 1,
    is_inbound_content: direction === 'inbound' ? 1 : 0,
    template_name: null,
    ts_ms: ts,
    local_date: new Date(ts + 8 * HOUR).toISOString().slice(0, 10), // Hong Kong has no daylight saving
    ...extra,
  };
}

const categories = new Map<string, string | null>();

/** A template send: staged without its category, which stays in raw_messages (see landedTemplates). */
function template(customer: string, ts: number, name = 'promo_spring', category: string | null = 'MARKETING'): InsertRow {
  const row = message(customer, 'outbound', ts, { template_name: name });
  categories.set(String(row.message_id), category);
  return row;
}

/** The landing rows of the template sends, with their category. */
function landedTemplates(staged: readonly InsertRow[]): InsertRow[] {
  return staged
    .filter((row) => row.template_name !== null)
    .map((row) => ({
      message_id: row.message_id,
      source: 'send_log',
      customer_phone: `+852${String(row.customer_key)}`,
      direction: 'outbound',
      sender_kind: 'campaign',
      type: 'template',
      text_norm: '',
      tokens: [],
      emojis: [],
      template_name: row.template_name,
      template_category: categories.get(String(row.message_id)) ?? null,
      ts_ms: row.ts_ms,
      ts: row.ts_ms,
      raw_json: '{}',
      source_file: 'fixture',
      source_line: 1,
      ingested_at_ms: row.ts_ms,
    }));
}

/** Days (by index) and business numbers with many outbound messages. */
export const QUOTA = {
  warn: { day: 30, number: 'pn-1', messages: 850 }, // over 80 % of 1,000
  critical: { day: 31, number: 'pn-2', messages: 1010 }, // over the limit
  fine: { day: 32, number: 'pn-1', messages: 790 }, // under 80 %
};

export const CUSTOMERS = {
  unsolicited: 'c_unsolicited', // two templates 2 h apart, never wrote: over the 24 h cap
  answered: 'c_answered', // wrote between the two templates: the second one is solicited
  spaced: 'c_spaced', // two templates 25 h apart: within the cap
  monthlyOver: 'c_monthly_over', // six sends of one template in a month: over the cap of five
  monthlyAtCap: 'c_monthly_at_cap', // five sends: at the cap, not over it
  utility: 'c_utility', // an order update 2 h before a campaign, six order updates in a month: only marketing templates count
  uncategorized: 'c_uncategorized', // a template without a category 2 h before a campaign: over the 24 h cap
};

export const TEMPLATE_DAY = 100;
/** Days 86 to 101 are 1 to 16 April 2026. */
export const MONTH_FIRST_DAY = 86;

export function messageRows(): InsertRow[] {
  const rows: InsertRow[] = [];
  const bulk = (dayIndex: number, number: string, count: number) => {
    for (let i = 0; i < count; i++) rows.push(message(`c_bulk${i}`, 'outbound', hk(day(dayIndex), 9) + i * 1000, { phone_number_id: number }));
  };
  for (const spec of Object.values(QUOTA)) bulk(spec.day, spec.number, spec.messages);
  // Inbound messages and reactions do not count towards the send quota.
  for (let i = 0; i < 300; i++) rows.push(message(`c_in${i}`, 'inbound', hk(day(QUOTA.warn.day), 10) + i * 1000));
  for (let i = 0; i < 100; i++) rows.push(message(`c_in${i}`, 'outbound', hk(day(QUOTA.warn.day), 11) + i * 1000, { is_content: 0 }));

  const d = day(TEMPLATE_DAY);
  // 22:30 the day before and 00:30 local: the second send falls on TEMPLATE_DAY in Hong Kong, the day before in UTC.
  rows.push(template(CUSTOMERS.unsolicited, hk(addDays(d, -1), 22, 30)), template(CUSTOMERS.unsolicited, hk(d, 0, 30)));
  rows.push(
    template(CUSTOMERS.answered, hk(d, 9)),
    message(CUSTOMERS.answered, 'inbound', hk(d, 10)),
    template(CUSTOMERS.answered, hk(d, 12)),
  );
  rows.push(template(CUSTOMERS.spaced, hk(d, 9)), template(CUSTOMERS.spaced, hk(addDays(d, 1), 10)));
  rows.push(template(CUSTOMERS.utility, hk(d, 7), 'order_shipped', 'UTILITY'), template(CUSTOMERS.utility, hk(d, 9)));
  // A category-less template counts as marketing.
  rows.push(template(CUSTOMERS.uncategorized, hk(d, 7), 'legacy_promo', null), template(CUSTOMERS.uncategorized, hk(d, 9)));
  for (let k = 0; k < 6; k++) rows.push(template(CUSTOMERS.utility, hk(day(MONTH_FIRST_DAY + k * 3), 15), 'order_shipped', 'UTILITY'));
  for (let k = 0; k < 6; k++) rows.push(template(CUSTOMERS.monthlyOver, hk(day(MONTH_FIRST_DAY + k * 3), 15), 'weekly_digest'));
  for (let k = 0; k < 5; k++) rows.push(template(CUSTOMERS.monthlyAtCap, hk(day(MONTH_FIRST_DAY + k * 3), 15), 'weekly_digest'));
  return rows;
}

/** Loads every fixture table into a fresh warehouse. */
export async function loadFixtures(warehouse: Warehouse): Promise<void> {
  await createFixtureTable(
    warehouse,
    'mart_kpi_daily',
    {
      local_date: 'date',
      inbound_messages: 'int',
      turns: 'int',
      median_response_s: 'float',
      within_sla_rate: 'float',
      conversations: 'int',
      complaint_rate: 'float',
      handoff_rate: 'float',
      resolution_rate: 'float',
      outbound_messages: 'int',
      failed_messages: 'int',
      failure_rate: 'float',
      orders: 'int',
      paid_orders: 'int',
      revenue: 'float',
    },
    'local_date',
  );
  await warehouse.insert('mart_kpi_daily', kpiRows());
  await createFixtureTable(
    warehouse,
    'mart_agent_weekly',
    { week_start: 'date', agent_id: 'text', answered_turns: 'int', median_response_s: 'float', mean_response_s: 'float', slow_rate: 'float' },
    '(week_start, agent_id)',
  );
  await warehouse.insert('mart_agent_weekly', agentRows());
  await createFixtureTable(warehouse, 'mart_funnel', { week_start: 'date', contacted: 'int', paid: 'int', overall_conversion_rate: 'float' }, 'week_start');
  await warehouse.insert('mart_funnel', funnelRows());
  await createFixtureTable(
    warehouse,
    'stg_messages',
    {
      message_id: 'text',
      phone_number_id: 'text',
      customer_key: 'text',
      direction: 'text',
      is_content: 'int',
      is_inbound_content: 'int',
      template_name: 'nullableText',
      ts_ms: 'int',
      local_date: 'date',
    },
    '(customer_key, message_id)',
  );
  const staged = messageRows();
  await warehouse.insert('stg_messages', staged);
  await initWarehouse(warehouse);
  await warehouse.insert('raw_messages', landedTemplates(staged));
}
