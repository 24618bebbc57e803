import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, rows } from './build.js';
import { at, Landing } from './landing.js';

const G = '+85291120021';
const H = '+85291120022';

/**
 * Complaint and handoff flags of conversations (int_conversations), around where ClickHouse places
 * each message's keyword matches in the sorted sequence (just before the message):
 * - g1 opens a conversation with a complaint matched twice (two complaint phrases) and a handoff;
 *   g2, an agent's reply at the same instant, is still the conversation's last message.
 * - g3 starts a second conversation more than a day later: one plain message, no flags.
 * - h1 is a conversation of one message, a handoff, alone; h2, a day and a half later, is a
 *   complaint whose conversation also holds h3 (a plain inbound message) and ends with no reply.
 */
function fixture(): Landing {
  return new Landing()
    .inbound('g1', G, at('2026-11-24T10:00:00Z'), 'tengo una queja, reclamacion, transferir a humano')
    .agent('g2', G, at('2026-11-24T10:00:00Z'), 'ag1')
    .inbound('g3', G, at('2026-11-26T09:00:00Z'), 'hola')
    .inbound('h1', H, at('2026-11-24T08:00:00Z'), 'human agent please')
    .inbound('h2', H, at('2026-11-25T20:00:00Z'), 'a complaint')
    .inbound('h3', H, at('2026-11-25T20:30:00Z'), 'gracias');
}

describe.each(TARGETS)('conversation flags on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture());
  });
  afterAll(async () => warehouse?.close());

  it('flags each conversation once per category and counts only real messages', async () => {
    const conversations = await rows(
      warehouse,
      `SELECT phone, start_ms, messages, inbound_messages, last_is_responder, has_complaint, has_handoff
       FROM int_conversations INNER JOIN (SELECT phone, customer_key FROM stg_identity) identity USING (customer_key)
       ORDER BY phone, start_ms`,
    );
    expect(conversations).toEqual([
      { phone: G, start_ms: at('2026-11-24T10:00:00Z'), messages: 2, inbound_messages: 1, last_is_responder: 1, has_complaint: 1, has_handoff: 1 },
      { phone: G, start_ms: at('2026-11-26T09:00:00Z'), messages: 1, inbound_messages: 1, last_is_responder: 0, has_complaint: 0, has_handoff: 0 },
      { phone: H, start_ms: at('2026-11-24T08:00:00Z'), messages: 1, inbound_messages: 1, last_is_responder: 0, has_complaint: 0, has_handoff: 1 },
      { phone: H, start_ms: at('2026-11-25T20:00:00Z'), messages: 2, inbound_messages: 2, last_is_responder: 0, has_complaint: 1, has_handoff: 0 },
    ]);
  });
});
