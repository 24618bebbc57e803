import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, rows } from './build.js';
import { at, Landing } from './landing.js';

const A = '+85291110001';
const B = '+85291110002';
const C = '+85291110003';
const D = '+85291110004';

/**
 * Service metrics by hand (Asia/Hong_Kong, UTC+8). A writes at 23:30 UTC on Sunday 22 Nov, which
 * is Monday 07:30 in Hong Kong; two of A's messages share a millisecond; a campaign arrives
 * before the agent answers and must not answer; A's third turn gets only a campaign and stays
 * unanswered; a bot answers in the same millisecond as the customer; 24 Nov has no messages.
 */
function fixture(): Landing {
  return new Landing()
    .inbound('c0', C, at('2026-11-16T05:00:00Z'), 'hola')
    .agent('c00', C, at('2026-11-16T05:01:40Z'), 'ag2')
    .inbound('a1', A, at('2026-11-22T23:30:00Z'), 'hola')
    .inbound('a2', A, at('2026-11-22T23:30:00Z'), 'tienen talla M?')
    .campaign('a3', A, at('2026-11-22T23:31:00Z'), 'winter_sale')
    .agent('a4', A, at('2026-11-22T23:33:00Z'), 'ag1')
    .agent('a5', A, at('2026-11-22T23:34:00Z'), 'ag1')
    .inbound('a6', A, at('2026-11-23T01:00:00Z'), 'otra pregunta')
    .bot('a7', A, at('2026-11-23T01:00:00Z'))
    .inbound('a8', A, at('2026-11-23T02:00:00Z'), 'hola?')
    .campaign('a9', A, at('2026-11-23T02:05:00Z'), 'winter_sale')
    .inbound('b1', B, at('2026-11-23T03:00:00Z'), 'precio')
    .agent('b2', B, at('2026-11-23T03:10:00Z'), 'ag2')
    .inbound('c1', C, at('2026-11-23T05:00:00Z'), 'hola')
    .bot('c2', C, at('2026-11-23T05:16:40Z'))
    .inbound('b3', B, at('2026-11-25T04:00:00Z'), 'gracias')
    .message({ id: 'b5', phone: B, at: at('2026-11-25T04:00:30Z'), type: 'reaction', text: null })
    .agent('b4', B, at('2026-11-25T04:01:00Z'), 'ag2')
    .inbound('d1', D, at('2026-11-25T06:00:00Z'), 'hola')
    .agent('d2', D, at('2026-11-25T06:05:00Z'), 'ag1')
    .inbound('d3', D, at('2026-11-25T08:00:00Z'), 'y ahora?')
    .agent('d4', D, at('2026-11-25T08:00:10Z'), 'ag1');
}

describe.each(TARGETS)('service marts on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture());
  });
  afterAll(async () => warehouse?.close());

  it('splits turns: several inbound messages, ties, campaigns that do not answer, an unanswered turn', async () => {
    expect(
      await rows(warehouse, 'SELECT turn_id, local_date, inbound_messages, answered, reply_message_id, responder_id, response_s FROM int_turns ORDER BY start_ms, turn_id'),
    ).toEqual([
      { turn_id: 'c0', local_date: '2026-11-16', inbound_messages: 1, answered: 1, reply_message_id: 'c00', responder_id: 'ag2', response_s: 100 },
      { turn_id: 'a1', local_date: '2026-11-23', inbound_messages: 2, answered: 1, reply_message_id: 'a4', responder_id: 'ag1', response_s: 180 },
      { turn_id: 'a6', local_date: '2026-11-23', inbound_messages: 1, answered: 1, reply_message_id: 'a7', responder_id: 'bot', response_s: 0 },
      { turn_id: 'a8', local_date: '2026-11-23', inbound_messages: 1, answered: 0, reply_message_id: null, responder_id: null, response_s: null },
      { turn_id: 'b1', local_date: '2026-11-23', inbound_messages: 1, answered: 1, reply_message_id: 'b2', responder_id: 'ag2', response_s: 600 },
      { turn_id: 'c1', local_date: '2026-11-23', inbound_messages: 1, answered: 1, reply_message_id: 'c2', responder_id: 'bot', response_s: 1000 },
      { turn_id: 'b3', local_date: '2026-11-25', inbound_messages: 1, answered: 1, reply_message_id: 'b4', responder_id: 'ag2', response_s: 60 },
      { turn_id: 'd1', local_date: '2026-11-25', inbound_messages: 1, answered: 1, reply_message_id: 'd2', responder_id: 'ag1', response_s: 300 },
      { turn_id: 'd3', local_date: '2026-11-25', inbound_messages: 1, answered: 1, reply_message_id: 'd4', responder_id: 'ag1', response_s: 10 },
    ]);
  });

  it('reports every local date, with even and odd medians, nearest-rank p90 and empty days', async () => {
    const days = await rows(warehouse, 'SELECT * FROM mart_service_daily ORDER BY local_date');
    expect(days.map((day) => day.local_date)).toEqual([
      '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25',
    ]);
    const empty = { turns: 0, answered_turns: 0, unanswered_turns: 0, median_response_s: null, p90_response_s: null, mean_response_s: null, within_sla_rate: null, inbound_messages: 0, outbound_messages: 0 };
    expect(days[0]).toEqual({ local_date: '2026-11-16', turns: 1, answered_turns: 1, unanswered_turns: 0, median_response_s: 100, p90_response_s: 100, mean_response_s: 100, within_sla_rate: 1, inbound_messages: 1, outbound_messages: 1 });
    // Sunday 22 Nov in UTC is Monday 23 Nov in Hong Kong: nothing is left on the 22nd.
    expect(days[6]).toEqual({ local_date: '2026-11-22', ...empty });
    expect(days[7]).toEqual({
      local_date: '2026-11-23',
      turns: 5,
      answered_turns: 4,
      unanswered_turns: 1,
      median_response_s: 390, // (180 + 600) / 2 over [0, 180, 600, 1000]
      p90_response_s: 1000, // rank ceil(0.9 × 4) = 4
      mean_response_s: 445,
      within_sla_rate: 0.5, // 0 and 180 are within 180 s
      inbound_messages: 6,
      outbound_messages: 7,
    });
    expect(days[8]).toEqual({ local_date: '2026-11-24', ...empty });
    expect(days[9]).toEqual({
      local_date: '2026-11-25',
      turns: 3,
      answered_turns: 3,
      unanswered_turns: 0,
      median_response_s: 60, // middle of [10, 60, 300]
      p90_response_s: 300, // rank ceil(2.7) = 3
      mean_response_s: 123.333333333,
      within_sla_rate: 0.666666667,
      inbound_messages: 3, // the reaction is not a content message
      outbound_messages: 3,
    });
  });

  it('reports responders by ISO week, bots as one, with the change against the previous week', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_agent_weekly ORDER BY week_start, agent_id')).toEqual([
      { week_start: '2026-11-16', iso_week: '2026-W47', agent_id: 'ag2', answered_turns: 1, median_response_s: 100, mean_response_s: 100, slow_rate: 0, flag_slow: 0, previous_answered_turns: 0, turns_change: null },
      { week_start: '2026-11-23', iso_week: '2026-W48', agent_id: 'ag1', answered_turns: 3, median_response_s: 180, mean_response_s: 163.333333333, slow_rate: 0, flag_slow: 0, previous_answered_turns: 0, turns_change: null },
      { week_start: '2026-11-23', iso_week: '2026-W48', agent_id: 'ag2', answered_turns: 2, median_response_s: 330, mean_response_s: 330, slow_rate: 0.5, flag_slow: 0, previous_answered_turns: 1, turns_change: 1 },
      { week_start: '2026-11-23', iso_week: '2026-W48', agent_id: 'bot', answered_turns: 2, median_response_s: 500, mean_response_s: 500, slow_rate: 0.5, flag_slow: 1, previous_answered_turns: 0, turns_change: null },
    ]);
  });

  it('counts inbound messages by local weekday and hour, every cell of every week', async () => {
    const [{ cells }] = await rows(warehouse, 'SELECT count(*) AS cells FROM mart_hourly_heatmap');
    expect(cells).toBe(2 * 7 * 24);
    expect(
      await rows(warehouse, "SELECT local_weekday, local_hour, messages, share FROM mart_hourly_heatmap WHERE week_start = '2026-11-23' AND messages > 0 ORDER BY local_weekday, local_hour"),
    ).toEqual([
      { local_weekday: 1, local_hour: 7, messages: 2, share: 0.222222222 },
      { local_weekday: 1, local_hour: 9, messages: 1, share: 0.111111111 },
      { local_weekday: 1, local_hour: 10, messages: 1, share: 0.111111111 },
      { local_weekday: 1, local_hour: 11, messages: 1, share: 0.111111111 },
      { local_weekday: 1, local_hour: 13, messages: 1, share: 0.111111111 },
      { local_weekday: 3, local_hour: 12, messages: 1, share: 0.111111111 },
      { local_weekday: 3, local_hour: 14, messages: 1, share: 0.111111111 },
      { local_weekday: 3, local_hour: 16, messages: 1, share: 0.111111111 },
    ]);
    expect(await rows(warehouse, "SELECT messages, share FROM mart_hourly_heatmap WHERE week_start = '2026-11-16' AND local_weekday = 7 AND local_hour = 23")).toEqual([
      { messages: 0, share: 0 },
    ]);
  });
});
