import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, modelConfig, rows } from './build.js';
import { at, Landing } from './landing.js';

const A = '+85291120001';
const B = '+85291120002';
const C = '+85291120003';
const D = '+85291120004';
const MAIN_NUMBER = '411100223344556';
const SECOND_NUMBER = '411100999999999';

/**
 * Hong Kong (UTC+8), open Mon–Fri 09:00–18:00 and Sat 10:00–14:00, closed Sunday and on the
 * holiday Wed 25 Nov. Every expected value below is worked out by hand in local time:
 * - a1 overnight: Mon 23:00 → agent Tue 09:05: elapsed 10 h 5 min = 36300 s, open 5 min = 300 s.
 * - c1 holiday: Tue 17:00 → bot 17:01 (60 s, open 60 s) → agent Thu 09:30. On the human clock the
 *   bot does not count: elapsed 40 h 30 min = 145800 s, open Tue 17–18 + Thu 9:00–9:30 = 5400 s.
 * - b1 weekend: Fri 17:50 → agent Mon 09:10: elapsed 63 h 20 min = 228000 s, open Fri 10 min +
 *   Sat 4 h + Mon 10 min = 15600 s.
 * - d1 time-zone boundary: Sun 29 Nov 23:50 UTC is Mon 30 07:50 local, before opening; answered
 *   09:02 local: elapsed 1 h 12 min = 4320 s, open 2 min = 120 s. It came in on a second number.
 */
function fixture(): Landing {
  return new Landing()
    .inbound('a1', A, at('2026-11-23T15:00:00Z'), 'buenas noches')
    .agent('a2', A, at('2026-11-24T01:05:00Z'), 'ag1')
    .inbound('c1', C, at('2026-11-24T09:00:00Z'), 'buenas tardes')
    .bot('c2', C, at('2026-11-24T09:01:00Z'))
    .agent('c3', C, at('2026-11-26T01:30:00Z'), 'ag1')
    .inbound('b1', B, at('2026-11-27T09:50:00Z'), 'tengo una queja')
    .agent('b2', B, at('2026-11-30T01:10:00Z'), 'ag2')
    .inbound('d1', D, at('2026-11-29T23:50:00Z'), 'buenas', { phoneNumberId: SECOND_NUMBER })
    .agent('d2', D, at('2026-11-30T01:02:00Z'), 'ag2', 'ok', { phoneNumberId: SECOND_NUMBER })
    .customer({ crmId: 'crm-a', phones: [A], name: 'Ana', updated: at('2026-11-01T00:00:00Z'), tags: ['vip'] });
}

const config = modelConfig({
  service: {
    opening_hours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: ['10:00-14:00'] },
    holidays: ['2026-11-25'],
    teams: { front: ['ag1'], back: ['ag2'] },
  },
});

const WEEK = '2026-11-23';
const NEXT_WEEK = '2026-11-30';

describe.each(TARGETS)('service depth on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture(), config);
  });
  afterAll(async () => warehouse?.close());

  it('builds the open-time calendar: holiday and Sunday closed, Saturday short', async () => {
    expect(await rows(warehouse, 'SELECT local_date, open_day_ms, open_before_ms FROM int_open_days ORDER BY local_date')).toEqual([
      { local_date: '2026-11-23', open_day_ms: 32_400_000, open_before_ms: 0 },
      { local_date: '2026-11-24', open_day_ms: 32_400_000, open_before_ms: 32_400_000 },
      { local_date: '2026-11-25', open_day_ms: 0, open_before_ms: 64_800_000 },
      { local_date: '2026-11-26', open_day_ms: 32_400_000, open_before_ms: 64_800_000 },
      { local_date: '2026-11-27', open_day_ms: 32_400_000, open_before_ms: 97_200_000 },
      { local_date: '2026-11-28', open_day_ms: 14_400_000, open_before_ms: 129_600_000 },
      { local_date: '2026-11-29', open_day_ms: 0, open_before_ms: 144_000_000 },
      { local_date: '2026-11-30', open_day_ms: 32_400_000, open_before_ms: 144_000_000 },
    ]);
    // Monday 09:00 local is 01:00 UTC.
    expect(await rows(warehouse, "SELECT open_ms, close_ms FROM int_open_intervals WHERE local_date = '2026-11-30'")).toEqual([
      { open_ms: at('2026-11-30T01:00:00Z'), close_ms: at('2026-11-30T10:00:00Z') },
    ]);
  });

  it('times every turn on both clocks, elapsed and in business hours, with number, team and buckets', async () => {
    expect(
      await rows(
        warehouse,
        'SELECT clock, turn_id, local_date, phone_number_id, responder_id, team, response_s, business_response_s, response_bucket, business_response_bucket FROM int_service_turns ORDER BY clock, start_ms',
      ),
    ).toEqual([
      { clock: 'bots_count', turn_id: 'a1', local_date: '2026-11-23', phone_number_id: MAIN_NUMBER, responder_id: 'ag1', team: 'front', response_s: 36300, business_response_s: 300, response_bucket: 6, business_response_bucket: 3 },
      { clock: 'bots_count', turn_id: 'c1', local_date: '2026-11-24', phone_number_id: MAIN_NUMBER, responder_id: 'bot', team: null, response_s: 60, business_response_s: 60, response_bucket: 1, business_response_bucket: 1 },
      { clock: 'bots_count', turn_id: 'b1', local_date: '2026-11-27', phone_number_id: MAIN_NUMBER, responder_id: 'ag2', team: 'back', response_s: 228000, business_response_s: 15600, response_bucket: 7, business_response_bucket: 6 },
      { clock: 'bots_count', turn_id: 'd1', local_date: '2026-11-30', phone_number_id: SECOND_NUMBER, responder_id: 'ag2', team: 'back', response_s: 4320, business_response_s: 120, response_bucket: 5, business_response_bucket: 2 },
      { clock: 'human_only', turn_id: 'a1', local_date: '2026-11-23', phone_number_id: MAIN_NUMBER, responder_id: 'ag1', team: 'front', response_s: 36300, business_response_s: 300, response_bucket: 6, business_response_bucket: 3 },
      { clock: 'human_only', turn_id: 'c1', local_date: '2026-11-24', phone_number_id: MAIN_NUMBER, responder_id: 'ag1', team: 'front', response_s: 145800, business_response_s: 5400, response_bucket: 7, business_response_bucket: 5 },
      { clock: 'human_only', turn_id: 'b1', local_date: '2026-11-27', phone_number_id: MAIN_NUMBER, responder_id: 'ag2', team: 'back', response_s: 228000, business_response_s: 15600, response_bucket: 7, business_response_bucket: 6 },
      { clock: 'human_only', turn_id: 'd1', local_date: '2026-11-30', phone_number_id: SECOND_NUMBER, responder_id: 'ag2', team: 'back', response_s: 4320, business_response_s: 120, response_bucket: 5, business_response_bucket: 2 },
    ]);
  });

  const levelColumns =
    'turns, answered_turns, median_response_s, p90_response_s, mean_response_s, within_sla_rate, median_business_response_s, p90_business_response_s, within_sla_business_rate';

  it('reports the account level on both clocks', async () => {
    expect(await rows(warehouse, `SELECT clock, ${levelColumns} FROM mart_service_levels_weekly WHERE level = 'account' AND week_start = '${WEEK}' ORDER BY clock`)).toEqual([
      // elapsed [60, 36300, 228000], business [60, 300, 15600]; only 60 s is within the 180 s SLA
      { clock: 'bots_count', turns: 3, answered_turns: 3, median_response_s: 36300, p90_response_s: 228000, mean_response_s: 88120, within_sla_rate: 0.333333333, median_business_response_s: 300, p90_business_response_s: 15600, within_sla_business_rate: 0.333333333 },
      // elapsed [36300, 145800, 228000], business [300, 5400, 15600]
      { clock: 'human_only', turns: 3, answered_turns: 3, median_response_s: 145800, p90_response_s: 228000, mean_response_s: 136700, within_sla_rate: 0, median_business_response_s: 5400, p90_business_response_s: 15600, within_sla_business_rate: 0 },
    ]);
  });

  it('reports every date on both clocks, elapsed and in business hours', async () => {
    const days = await rows(warehouse, `SELECT local_date, clock, ${levelColumns} FROM mart_service_clocks_daily ORDER BY local_date, clock`);
    expect(days.length).toBe(8 * 2);
    expect(days.filter((day) => day.local_date === '2026-11-24' || day.local_date === '2026-11-25')).toEqual([
      { local_date: '2026-11-24', clock: 'bots_count', turns: 1, answered_turns: 1, median_response_s: 60, p90_response_s: 60, mean_response_s: 60, within_sla_rate: 1, median_business_response_s: 60, p90_business_response_s: 60, within_sla_business_rate: 1 },
      { local_date: '2026-11-24', clock: 'human_only', turns: 1, answered_turns: 1, median_response_s: 145800, p90_response_s: 145800, mean_response_s: 145800, within_sla_rate: 0, median_business_response_s: 5400, p90_business_response_s: 5400, within_sla_business_rate: 0 },
      { local_date: '2026-11-25', clock: 'bots_count', turns: 0, answered_turns: 0, median_response_s: null, p90_response_s: null, mean_response_s: null, within_sla_rate: null, median_business_response_s: null, p90_business_response_s: null, within_sla_business_rate: null },
      { local_date: '2026-11-25', clock: 'human_only', turns: 0, answered_turns: 0, median_response_s: null, p90_response_s: null, mean_response_s: null, within_sla_rate: null, median_business_response_s: null, p90_business_response_s: null, within_sla_business_rate: null },
    ]);
    // The bots_count clock is METRICS.md's: its elapsed figures are mart_service_daily's.
    const elapsed = 'local_date, turns, answered_turns, median_response_s, p90_response_s, mean_response_s, within_sla_rate';
    expect(await rows(warehouse, `SELECT ${elapsed} FROM mart_service_clocks_daily WHERE clock = 'bots_count' ORDER BY local_date`)).toEqual(
      await rows(warehouse, `SELECT ${elapsed} FROM mart_service_daily ORDER BY local_date`),
    );
  });

  it('compares each week with the previous one', async () => {
    expect(await rows(warehouse, `SELECT * FROM mart_service_levels_weekly WHERE level = 'account' AND clock = 'bots_count' AND week_start = '${NEXT_WEEK}'`)).toEqual([
      {
        week_start: NEXT_WEEK, iso_week: '2026-W49', clock: 'bots_count', level: 'account', level_value: 'all',
        turns: 1, answered_turns: 1, median_response_s: 4320, p90_response_s: 4320, mean_response_s: 4320, within_sla_rate: 0,
        median_business_response_s: 120, p90_business_response_s: 120, within_sla_business_rate: 1,
        previous_turns: 3, previous_answered_turns: 3, previous_median_response_s: 36300, previous_p90_response_s: 228000, previous_mean_response_s: 88120,
        previous_within_sla_rate: 0.333333333, previous_median_business_response_s: 300, previous_p90_business_response_s: 15600, previous_within_sla_business_rate: 0.333333333,
        turns_change: -0.666666667, answered_turns_change: -0.666666667,
        median_response_s_change: -31980, p90_response_s_change: -223680, mean_response_s_change: -83800, within_sla_rate_change: -0.333333333,
        median_business_response_s_change: -180, p90_business_response_s_change: -15480, within_sla_business_rate_change: 0.666666667,
      },
    ]);
    const [first] = await rows(warehouse, `SELECT previous_turns, previous_median_response_s, turns_change, median_response_s_change FROM mart_service_levels_weekly WHERE level = 'account' AND clock = 'bots_count' AND week_start = '${WEEK}'`);
    expect(first).toEqual({ previous_turns: 0, previous_median_response_s: null, turns_change: null, median_response_s_change: null });
  });

  it('reports business numbers, teams, agents and labels from the same model', async () => {
    const level = (where: string) =>
      rows(warehouse, `SELECT week_start, clock, level_value, turns, median_response_s, median_business_response_s FROM mart_service_levels_weekly WHERE ${where} ORDER BY week_start, clock, level_value`);
    expect(await level("level = 'phone_number' AND clock = 'bots_count'")).toEqual([
      { week_start: WEEK, clock: 'bots_count', level_value: MAIN_NUMBER, turns: 3, median_response_s: 36300, median_business_response_s: 300 },
      { week_start: NEXT_WEEK, clock: 'bots_count', level_value: SECOND_NUMBER, turns: 1, median_response_s: 4320, median_business_response_s: 120 },
    ]);
    expect(await level("level = 'team'")).toEqual([
      { week_start: WEEK, clock: 'bots_count', level_value: 'back', turns: 1, median_response_s: 228000, median_business_response_s: 15600 },
      { week_start: WEEK, clock: 'bots_count', level_value: 'front', turns: 1, median_response_s: 36300, median_business_response_s: 300 },
      { week_start: WEEK, clock: 'human_only', level_value: 'back', turns: 1, median_response_s: 228000, median_business_response_s: 15600 },
      // a1 and c1: (36300 + 145800) / 2 and (300 + 5400) / 2
      { week_start: WEEK, clock: 'human_only', level_value: 'front', turns: 2, median_response_s: 91050, median_business_response_s: 2850 },
      { week_start: NEXT_WEEK, clock: 'bots_count', level_value: 'back', turns: 1, median_response_s: 4320, median_business_response_s: 120 },
      { week_start: NEXT_WEEK, clock: 'human_only', level_value: 'back', turns: 1, median_response_s: 4320, median_business_response_s: 120 },
    ]);
    expect(await level(`level = 'agent' AND week_start = '${WEEK}'`)).toEqual([
      { week_start: WEEK, clock: 'bots_count', level_value: 'ag1', turns: 1, median_response_s: 36300, median_business_response_s: 300 },
      { week_start: WEEK, clock: 'bots_count', level_value: 'ag2', turns: 1, median_response_s: 228000, median_business_response_s: 15600 },
      { week_start: WEEK, clock: 'bots_count', level_value: 'bot', turns: 1, median_response_s: 60, median_business_response_s: 60 },
      { week_start: WEEK, clock: 'human_only', level_value: 'ag1', turns: 2, median_response_s: 91050, median_business_response_s: 2850 },
      { week_start: WEEK, clock: 'human_only', level_value: 'ag2', turns: 1, median_response_s: 228000, median_business_response_s: 15600 },
    ]);
    // b1 says "queja" (category complaint); A is tagged vip in the CRM.
    expect(await level("level = 'label' AND clock = 'human_only'")).toEqual([
      { week_start: WEEK, clock: 'human_only', level_value: 'complaint', turns: 1, median_response_s: 228000, median_business_response_s: 15600 },
      { week_start: WEEK, clock: 'human_only', level_value: 'tag:vip', turns: 1, median_response_s: 36300, median_business_response_s: 300 },
    ]);
    const [{ team_next_change }] = await rows(warehouse, `SELECT turns_change AS team_next_change FROM mart_service_levels_weekly WHERE level = 'team' AND level_value = 'back' AND clock = 'bots_count' AND week_start = '${NEXT_WEEK}'`);
    expect(team_next_change).toBe(0);
  });

  it('buckets response times by day and number, and by agent and week', async () => {
    const [{ cells }] = await rows(warehouse, 'SELECT count(*) AS cells FROM mart_response_buckets_daily');
    expect(cells).toBe(8 * 7); // four answered turns on four dates, two clocks, seven buckets each
    expect(
      await rows(warehouse, "SELECT clock, bucket, answered_turns, business_answered_turns FROM mart_response_buckets_daily WHERE local_date = '2026-11-24' AND (answered_turns > 0 OR business_answered_turns > 0) ORDER BY clock, bucket_no"),
    ).toEqual([
      { clock: 'bots_count', bucket: '0-1m', answered_turns: 1, business_answered_turns: 1 },
      { clock: 'human_only', bucket: '1-4h', answered_turns: 0, business_answered_turns: 1 },
      { clock: 'human_only', bucket: '24h+', answered_turns: 1, business_answered_turns: 0 },
    ]);
    expect(await rows(warehouse, "SELECT DISTINCT phone_number_id FROM mart_response_buckets_daily WHERE local_date = '2026-11-30'")).toEqual([{ phone_number_id: SECOND_NUMBER }]);
    expect(
      await rows(warehouse, `SELECT agent_id, bucket, answered_turns, business_answered_turns FROM mart_response_buckets_agent_weekly WHERE week_start = '${WEEK}' AND clock = 'bots_count' AND agent_id = 'ag2' AND (answered_turns > 0 OR business_answered_turns > 0) ORDER BY bucket_no`),
    ).toEqual([
      { agent_id: 'ag2', bucket: '4-24h', answered_turns: 0, business_answered_turns: 1 },
      { agent_id: 'ag2', bucket: '24h+', answered_turns: 1, business_answered_turns: 0 },
    ]);
  });

  it('reports resolution time by the date of the conversation start', async () => {
    // A's conversation ends with ag1's reply (36300 s, open 300 s); C's first conversation ends
    // with the bot (60 s). C's agent message two days later is a conversation without an inbound
    // message, B's and D's are unresolved or still open.
    const days = await rows(warehouse, 'SELECT * FROM mart_resolution_daily ORDER BY local_date');
    expect(days.length).toBe(8);
    expect(days.slice(0, 3)).toEqual([
      { local_date: '2026-11-23', resolved_conversations: 1, median_resolution_s: 36300, p90_resolution_s: 36300, median_business_resolution_s: 300, p90_business_resolution_s: 300 },
      { local_date: '2026-11-24', resolved_conversations: 1, median_resolution_s: 60, p90_resolution_s: 60, median_business_resolution_s: 60, p90_business_resolution_s: 60 },
      { local_date: '2026-11-25', resolved_conversations: 0, median_resolution_s: null, p90_resolution_s: null, median_business_resolution_s: null, p90_business_resolution_s: null },
    ]);
    expect(days.slice(3).every((day) => day.resolved_conversations === 0)).toBe(true);
  });
});

/**
 * New York, open only on Sundays, all day: the Sunday DST starts (8 Mar 2026) has 23 open hours,
 * the Sunday it ends (1 Nov 2026) 25.
 */
describe.each(TARGETS)('business hours across DST changes on $name', (target) => {
  let warehouse: Warehouse;
  const dst = modelConfig({ timezone: 'America/New_York', service: { opening_hours: { sun: ['00:00-24:00'] } } });

  beforeAll(async () => {
    const landing = new Landing()
      // Sat 7 Mar 20:00 EST → Mon 9 Mar 10:00 EDT: 37 h elapsed, open all of the 23-hour Sunday.
      .inbound('e1', '+12125550001', at('2026-03-08T01:00:00Z'), 'hello')
      .agent('e2', '+12125550001', at('2026-03-09T14:00:00Z'), 'ag1')
      // Sun 8 Mar 01:30 EST → 03:30 EDT the same night: one hour, all of it open.
      .inbound('g1', '+12125550003', at('2026-03-08T06:30:00Z'), 'hello')
      .agent('g2', '+12125550003', at('2026-03-08T07:30:00Z'), 'ag1')
      // Sat 31 Oct 20:00 EDT → Mon 2 Nov 10:00 EST: 39 h elapsed, open all of the 25-hour Sunday.
      .inbound('f1', '+12125550002', at('2026-11-01T00:00:00Z'), 'hello')
      .agent('f2', '+12125550002', at('2026-11-02T15:00:00Z'), 'ag1');
    warehouse = await buildModels(target, landing, dst);
  });
  afterAll(async () => warehouse?.close());

  it('counts the real length of the open day', async () => {
    expect(await rows(warehouse, "SELECT turn_id, response_s, business_response_s FROM int_service_turns WHERE clock = 'human_only' ORDER BY start_ms")).toEqual([
      { turn_id: 'e1', response_s: 133200, business_response_s: 82800 },
      { turn_id: 'g1', response_s: 3600, business_response_s: 3600 },
      { turn_id: 'f1', response_s: 140400, business_response_s: 90000 },
    ]);
    expect(await rows(warehouse, "SELECT local_date, open_ms, close_ms FROM int_open_intervals WHERE local_date IN ('2026-03-08', '2026-11-01') ORDER BY local_date")).toEqual([
      { local_date: '2026-03-08', open_ms: at('2026-03-08T05:00:00Z'), close_ms: at('2026-03-09T04:00:00Z') },
      { local_date: '2026-11-01', open_ms: at('2026-11-01T04:00:00Z'), close_ms: at('2026-11-02T05:00:00Z') },
    ]);
  });
});
