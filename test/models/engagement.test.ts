import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, modelConfig, rows } from './build.js';
import { at, Landing } from './landing.js';

const P1 = '+85291120001';
const P2 = '+85291120002';
const P3 = '+886912000003';
const P4 = '+34612000004';

/**
 * Campaigns, statuses and cost by hand. Statuses arrive out of order (read before delivered),
 * twice (a redelivered read), contradict each other (read and failed), or belong to a message the
 * send log never saw. One click comes within 7 days, one after.
 */
function fixture(): Landing {
  const landing = new Landing()
    .campaign('m1', P1, at('2026-11-23T02:00:00Z'), 'winter_sale', '🎉 Rebajas')
    .campaign('m2', P2, at('2026-11-23T03:00:00Z'), 'winter_sale', 'Rebajas')
    .campaign('m3', P3, at('2026-11-23T04:00:00Z'), 'winter_sale', 'Nuevo 👗')
    .agent('a1', P2, at('2026-11-23T08:00:00Z'), 'ag1')
    .campaign('m4', P4, at('2026-11-24T05:00:00Z'), 'new_arrivals', 'Novedades')
    .campaign('m5', P1, at('2026-11-24T06:00:00Z'), 'new_arrivals', 'Novedades')
    .message({ id: 'm6', phone: P2, at: at('2026-11-24T07:00:00Z'), direction: 'outbound', senderKind: 'campaign', type: 'template', text: 'Hola' })
    .agent('a2', P4, at('2026-11-24T09:00:00Z'), 'ag1');
  landing
    .status('m1', P1, 'read', at('2026-11-23T02:10:00Z'), { ingestedAt: at('2026-11-23T02:10:00Z') })
    .status('m1', P1, 'sent', at('2026-11-23T02:00:01Z'), { conversationId: 'conv1', category: 'marketing', billable: true, ingestedAt: at('2026-11-23T02:11:00Z') })
    .status('m1', P1, 'delivered', at('2026-11-23T02:01:00Z'), { ingestedAt: at('2026-11-23T02:12:00Z') })
    .status('m1', P1, 'read', at('2026-11-23T02:10:00Z'), { ingestedAt: at('2026-11-23T05:00:00Z') })
    .status('m2', P2, 'sent', at('2026-11-23T03:00:01Z'), { conversationId: 'conv2', category: 'marketing', billable: true })
    .status('m2', P2, 'delivered', at('2026-11-23T03:01:00Z'))
    .status('m3', P3, 'failed', at('2026-11-23T04:00:05Z'), { errorCode: 131026, errorTitle: 'Message undeliverable' })
    .status('a1', P2, 'failed', at('2026-11-23T08:00:02Z'), { errorCode: 131049, errorTitle: 'Spam limit' })
    .status('m4', P4, 'sent', at('2026-11-24T05:00:01Z'), { conversationId: 'conv3', category: 'utility', billable: true })
    .status('m4', P4, 'failed', at('2026-11-24T05:00:03Z'), { errorCode: 131026, errorTitle: 'Message undeliverable' })
    .status('m4', P4, 'read', at('2026-11-24T05:30:00Z'))
    .status('m6', P2, 'delivered', at('2026-11-24T07:00:30Z'), { conversationId: 'conv2', category: 'marketing', billable: true })
    .status('a2', P4, 'sent', at('2026-11-24T09:00:01Z'), { conversationId: 'conv4', category: 'service', billable: true })
    .status('ghost', P1, 'failed', at('2026-11-25T01:00:00Z'), { errorCode: 131026, errorTitle: 'Message undeliverable' })
    .click('k1', 'm1', at('2026-11-23T02:30:00Z'))
    .click('k2', 'm2', at('2026-12-01T03:00:01Z'))
    .click('k3', 'm4', at('2026-11-24T05:31:00Z'))
    .order({ id: 'o1', phone: P1, created: at('2026-11-23T05:00:00Z'), status: 'paid', paidAt: at('2026-11-23T06:00:00Z'), total: 100 })
    .order({ id: 'o2', phone: P1, created: at('2026-11-24T05:00:00Z'), status: 'paid', total: 50 })
    .order({ id: 'o3', phone: P2, created: at('2026-11-24T06:00:00Z'), status: 'placed', total: 70 });
  return landing;
}

const config = modelConfig({ costs: { tool_monthly: 300, countries: { HK: { marketing: 0.05 } } } });

describe.each(TARGETS)('engagement and cost marts on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture(), config);
  });
  afterAll(async () => warehouse?.close());

  it('derives each message state from the set of its statuses, whatever their order', async () => {
    expect(await rows(warehouse, 'SELECT message_id, state, error_code FROM int_message_states ORDER BY message_id')).toEqual([
      { message_id: 'a1', state: 'failed', error_code: 131049 },
      { message_id: 'a2', state: 'sent', error_code: null },
      { message_id: 'ghost', state: 'failed', error_code: 131026 },
      { message_id: 'm1', state: 'read', error_code: null },
      { message_id: 'm2', state: 'delivered', error_code: null },
      { message_id: 'm3', state: 'failed', error_code: 131026 },
      { message_id: 'm4', state: 'read', error_code: 131026 },
      { message_id: 'm6', state: 'delivered', error_code: null },
    ]);
    expect(await rows(warehouse, "SELECT message_id, state, clicked, read_latency_s FROM int_outbound_messages WHERE message_id IN ('m1', 'm2', 'm5') ORDER BY message_id")).toEqual([
      { message_id: 'm1', state: 'read', clicked: 1, read_latency_s: 600 },
      { message_id: 'm2', state: 'delivered', clicked: 0, read_latency_s: null },
      { message_id: 'm5', state: 'sent', clicked: 0, read_latency_s: null },
    ]);
  });

  it('reports campaigns by local date and template', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_campaign_daily ORDER BY local_date, template_name')).toEqual([
      {
        local_date: '2026-11-23', template_name: 'winter_sale', sent: 3, delivered: 2, read: 1, failed: 1, clicked: 1,
        delivery_rate: 0.666666667, read_rate: 0.5, ctr: 0.5, failure_rate: 0.333333333, median_read_latency_s: 600,
      },
      {
        local_date: '2026-11-24', template_name: '(none)', sent: 1, delivered: 1, read: 0, failed: 0, clicked: 0,
        delivery_rate: 1, read_rate: 0, ctr: 0, failure_rate: 0, median_read_latency_s: null,
      },
      {
        local_date: '2026-11-24', template_name: 'new_arrivals', sent: 2, delivered: 1, read: 1, failed: 0, clicked: 1,
        delivery_rate: 0.5, read_rate: 1, ctr: 1, failure_rate: 0, median_read_latency_s: 1800,
      },
    ]);
  });

  it('counts failed messages by error, any sender and unknown messages included', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_failures ORDER BY local_date, error_code')).toEqual([
      { local_date: '2026-11-23', error_code: 131026, error_title: 'Message undeliverable', failed: 1 },
      { local_date: '2026-11-23', error_code: 131049, error_title: 'Spam limit', failed: 1 },
      { local_date: '2026-11-25', error_code: 131026, error_title: 'Message undeliverable', failed: 1 },
    ]);
  });

  it('compares click-through with and without emoji', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_emoji_effect ORDER BY has_emoji')).toEqual([
      { has_emoji: 0, sent: 4, delivered: 3, clicked: 1, ctr: 0.333333333 },
      { has_emoji: 1, sent: 2, delivered: 1, clicked: 1, ctr: 1 },
    ]);
  });

  it('prices billable conversations by category and country, plus the prorated tool cost', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_cost_weekly')).toEqual([
      {
        week_start: '2026-11-23',
        iso_week: '2026-W48',
        channel: 'whatsapp',
        currency: 'USD',
        billable_conversations: 4,
        conversation_cost: 0.1213, // conv1, conv2: HK marketing 0.05; conv3: default utility 0.0213; conv4: service 0
        tool_cost: 20, // 300 / 30 days of November × 2 days of data in the week
        cost: 20.1213,
        outbound_messages: 8,
        cost_per_message: 2.5151625,
        new_customers: 1,
        cac: 20.1213,
        paid_orders: 2,
        revenue: 150,
      },
    ]);
  });

  it('splits the conversation cost by category, summing to the weekly cost', async () => {
    expect(await rows(warehouse, 'SELECT category, billable_conversations, conversation_cost, share_of_cost FROM mart_cost_category_weekly ORDER BY category')).toEqual([
      { category: 'marketing', billable_conversations: 2, conversation_cost: 0.1, share_of_cost: 0.824402308 }, // 0.1 / 0.1213
      { category: 'service', billable_conversations: 1, conversation_cost: 0, share_of_cost: 0 },
      { category: 'utility', billable_conversations: 1, conversation_cost: 0.0213, share_of_cost: 0.175597692 }, // 0.0213 / 0.1213
    ]);
  });

  it('gathers the daily KPIs in one row per local date', async () => {
    expect(await rows(warehouse, 'SELECT * FROM mart_kpi_daily ORDER BY local_date')).toEqual([
      {
        local_date: '2026-11-23', inbound_messages: 0, turns: 0, median_response_s: null, within_sla_rate: null,
        conversations: 3, complaint_rate: 0, handoff_rate: 0, resolution_rate: 0,
        outbound_messages: 4, failed_messages: 2, failure_rate: 0.5, orders: 1, paid_orders: 1, revenue: 100,
      },
      {
        local_date: '2026-11-24', inbound_messages: 0, turns: 0, median_response_s: null, within_sla_rate: null,
        conversations: 2, complaint_rate: 0, handoff_rate: 0, resolution_rate: null,
        outbound_messages: 4, failed_messages: 0, failure_rate: 0, orders: 2, paid_orders: 1, revenue: 50,
      },
    ]);
  });
});
