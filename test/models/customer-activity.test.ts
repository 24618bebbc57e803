import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, rows } from './build.js';
import { customerKey } from './customer-key.js';
import { at, Landing } from './landing.js';

const G = '+85291120021';

/**
 * int_customer_activity puts each source's counts for a customer and local date (Hong Kong) on one
 * row: a day with messages only, a day with an order created only, a day with the payment only.
 * Every other measure of such a row is 0, whichever source the row comes from.
 */
function fixture(): Landing {
  return new Landing()
    .inbound('g1', G, at('2026-11-02T02:00:00Z'), 'tengo una queja')
    .agent('g2', G, at('2026-11-02T02:05:00Z'), 'ag1')
    .campaign('g3', G, at('2026-11-02T03:00:00Z'), 'winter_sale')
    .order({ id: 'G-1', phone: G, created: at('2026-11-03T02:00:00Z'), status: 'placed', total: 25, rowHash: 'g-placed' })
    .order({ id: 'G-1', phone: G, created: at('2026-11-03T02:00:00Z'), updated: at('2026-11-04T02:00:00Z'), status: 'paid', total: 25, rowHash: 'g-paid' });
}

const zero = {
  inbound_messages: 0, responder_messages: 0, campaign_messages: 0, conversations: 0, interactions: 0,
  product_inquiry_messages: 0, price_discount_messages: 0, complaint_messages: 0, orders_created: 0, orders_paid: 0, revenue_paid: 0,
};

describe.each(TARGETS)('customer activity on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture());
  });
  afterAll(async () => warehouse?.close());

  it('gives each customer and date one row with every source counted, 0 where a source has nothing', async () => {
    const activity = await rows(warehouse, `SELECT * FROM int_customer_activity WHERE customer_key = '${customerKey(G)}' ORDER BY local_date`);
    const key = customerKey(G);
    expect(activity).toEqual([
      { ...zero, customer_key: key, local_date: '2026-11-02', inbound_messages: 1, responder_messages: 1, campaign_messages: 1, conversations: 1, interactions: 1, complaint_messages: 1 },
      { ...zero, customer_key: key, local_date: '2026-11-03', orders_created: 1 },
      { ...zero, customer_key: key, local_date: '2026-11-04', orders_paid: 1, revenue_paid: 25 },
    ]);
  });
});
