import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertId } from '../../src/alerts/alert.js';
import { weekdayName } from '../../src/alerts/calendar.js';
import { runAlerts } from '../../src/alerts/run.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import {
  CONVERSION_DROP_WEEK,
  LAST_DAY,
  CUSTOMERS,
  PLANTED,
  QUOTA,
  SLOW_AGENT,
  TEMPLATE_DAY,
  TIMEZONE,
  day,
  loadFixtures,
  week,
} from './fixtures.js';

const config = { timezone: TIMEZONE, alerts: { rules: 'config/alert-rules.yaml', lookback_days: 7 } };

/** Every planted anomaly, as rule × period start × dimension; nothing else may fire. */
const EXPECTED: [string, string, string][] = [
  ['complaint_rate_high', day(PLANTED.complaintRuns[0][0]), ''],
  ['complaint_rate_high', day(PLANTED.complaintRuns[1][0]), ''],
  ['within_sla_low', day(PLANTED.slaLowRun[0]), ''],
  ['inbound_volume_drop', day(PLANTED.volumeDrops[0]), ''],
  ['inbound_volume_drop', day(PLANTED.volumeDrops[1]), ''],
  ['failure_rate_spike', day(PLANTED.failureSpike), ''],
  ['complaint_spike', day(PLANTED.complaintSpike), ''],
  ['revenue_outlier', day(PLANTED.revenueSpike), ''],
  ['agent_slow_week', week(SLOW_AGENT.week), SLOW_AGENT.agent],
  ['conversion_drop', week(CONVERSION_DROP_WEEK), ''],
  ['daily_send_quota', day(QUOTA.warn.day), QUOTA.warn.number],
  ['daily_send_quota', day(QUOTA.critical.day), QUOTA.critical.number],
  ['unsolicited_template_cap', day(TEMPLATE_DAY), CUSTOMERS.unsolicited],
  ['unsolicited_template_cap', day(TEMPLATE_DAY), CUSTOMERS.uncategorized],
  ['template_monthly_cap', '2026-04-01', `${CUSTOMERS.monthlyOver} / weekly_digest`],
];

const key = (rule: string, period: string, dimension: string) => `${rule} ${period} ${dimension}`;

describe.each(TARGETS)('alert rules on fixture series on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await loadFixtures(warehouse);
  });
  afterAll(async () => warehouse?.close());

  it('a lookback run raises only what became final in its window', async () => {
    // Day 62 completes the first complaint run; the window 56–62 also holds nothing else planted.
    const summary = await runAlerts(warehouse, config, { date: day(62) });
    expect(summary.from).toBe(day(56));
    expect(summary.raised.map((a) => key(a.rule_id, a.period_start, a.dimension))).toEqual([key('complaint_rate_high', day(60), '')]);
    expect(summary.skipped).toEqual([]);
  });

  it('fires exactly on the planted periods over the whole history, and nowhere in the noise', async () => {
    const summary = await runAlerts(warehouse, config, { date: LAST_DAY, all: true });
    const found = summary.raised.map((a) => key(a.rule_id, a.period_start, a.dimension)).sort();
    const planted = EXPECTED.filter(([rule, period]) => !(rule === 'complaint_rate_high' && period === day(60)));
    expect(found).toEqual(planted.map((e) => key(...e)).sort());
    expect(summary.already_raised).toBe(1);
  });

  it('stores each alert once, with its id, severity, values and sentence, and never raises it again', async () => {
    const again = await runAlerts(warehouse, config, { date: LAST_DAY, all: true });
    expect(again.raised).toEqual([]);
    expect(again.already_raised).toBe(EXPECTED.length);

    const rows = await warehouse.query<Record<string, unknown>>('SELECT * FROM alerts ORDER BY period_start, rule_id');
    expect(rows).toHaveLength(EXPECTED.length);
    for (const row of rows) expect(row.alert_id).toBe(alertId(String(row.rule_id), String(row.period_start), String(row.dimension)));

    const complaint = rows.find((r) => r.rule_id === 'complaint_rate_high' && r.period_start === day(100));
    expect(complaint).toMatchObject({ severity: 'critical', kind: 'threshold', period_end: day(102), expected: 0.05, grain: 'day' });
    const evidence = JSON.parse(String(complaint?.evidence)) as { values: { period: string; value: number }[] };
    expect(evidence.values.map((v) => v.period)).toEqual([day(100), day(101), day(102)]);
    expect(evidence.values.every((v) => v.value > 0.05)).toBe(true);
    expect(complaint?.message).toMatch(new RegExp(`^Complaint rate was above 5\\.0 % for 3 consecutive days from ${day(100)} to ${day(102)} \\(\\d+\\.\\d %, `));

    const quota = rows.filter((r) => r.rule_id === 'daily_send_quota');
    expect(quota.map((r) => [r.severity, r.value])).toEqual([
      ['warning', QUOTA.warn.messages],
      ['critical', QUOTA.critical.messages],
    ]);
    expect(quota[0].message).toBe(`Outbound messages of business number pn-1 reached 850 on ${weekdayName(day(QUOTA.warn.day))} ${day(QUOTA.warn.day)}: 85.0 % of the limit of 1,000.`);

    const slow = rows.find((r) => r.rule_id === 'agent_slow_week');
    expect(slow?.message).toBe(`Mean response time of agent a2 was above 6 min in the week of ${week(SLOW_AGENT.week)} (7 min).`);
    const drop = rows.find((r) => r.rule_id === 'inbound_volume_drop');
    expect(drop?.message).toMatch(/^Inbound messages fell \d+\.\d % on \w{3} \d{4}-\d{2}-\d{2}: \d+ against \d+(\.\d+)?, the median of the same weekday in the previous 4 weeks \(normal range ±15\.0 %\)\.$/);
    const unsolicited = rows.find((r) => r.rule_id === 'unsolicited_template_cap');
    expect(unsolicited).toMatchObject({ value: 2, expected: 1, severity: 'critical', dimension_kind: 'customer' });
  });
});
