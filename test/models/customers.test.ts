import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKey } from './customer-key.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, modelConfig, rows } from './build.js';
import { at, Landing } from './landing.js';

const DAY = 86_400_000;
const phone = (n: number) => `+8529200${String(n).padStart(4, '0')}`;

/** Identity resolution, deduplication and conflicts. */
function identityFixture(landing: Landing): void {
  landing
    // Same person, two phones: names equal once normalized, same SKU 71 days apart.
    .inbound('x1', phone(1), at('2026-10-01T02:00:00Z'), 'hola', { name: 'Chan Tai Man' })
    .order({ id: 'X2-1', phone: phone(2), created: at('2026-10-10T02:00:00Z'), status: 'paid', name: 'Chan Tai-Man', items: [{ sku: 'S-1' }] })
    .order({ id: 'X1-1', phone: phone(1), created: at('2026-12-20T02:00:00Z'), status: 'paid', name: 'Chan Tai Man', items: [{ sku: 'S-1' }] })
    // Same name, same SKU, but 101 days after the nearest purchase: not linked.
    .order({ id: 'X3-1', phone: phone(3), created: at('2027-03-31T02:00:00Z'), status: 'paid', name: 'Chan Tai Man', items: [{ sku: 'S-1' }] })
    // 'lin mei' vs 'lam mei': 1 − 2/7 < 0.8, not linked despite the same SKU on the same day.
    .order({ id: 'X4-1', phone: phone(4), created: at('2026-10-02T02:00:00Z'), status: 'paid', name: 'Lin Mei', items: [{ sku: 'S-2' }] })
    .order({ id: 'X5-1', phone: phone(5), created: at('2026-10-02T03:00:00Z'), status: 'paid', name: 'Lam Mei', items: [{ sku: 'S-2' }] })
    // 'wong siu ling' vs 'wong siu lin': 1 − 1/13 ≥ 0.8, same SKU within 90 days: linked; phone 7 was seen first.
    .order({ id: 'X6-1', phone: phone(6), created: at('2026-10-20T02:00:00Z'), status: 'paid', name: 'Wong Siu Ling', items: [{ sku: 'S-3' }] })
    .order({ id: 'X7-1', phone: phone(7), created: at('2026-10-03T02:00:00Z'), status: 'paid', name: 'Wong Siu Lin', items: [{ sku: 'S-3' }] })
    // A CRM record listing two phones links them whatever their names.
    .inbound('x9', phone(9), at('2026-09-01T02:00:00Z'), 'hola', { name: 'Someone' })
    .customer({ crmId: 'C-1', phones: [phone(8), phone(9)], name: 'Pedro Gómez', updated: at('2026-09-15T00:00:00Z') })
    // A cancelled order is not a purchase.
    .order({ id: 'X10-1', phone: phone(10), created: at('2026-10-05T02:00:00Z'), status: 'paid', name: 'Ana Ruiz', items: [{ sku: 'S-4' }] })
    .order({ id: 'X11-1', phone: phone(11), created: at('2026-10-06T02:00:00Z'), status: 'cancelled', name: 'Ana Ruiz', items: [{ sku: 'S-4' }] })
    // Order versions: the latest wins; the same version twice is one; a tie between versions is a conflict.
    .order({ id: 'O-1', phone: phone(12), created: at('2026-10-07T02:00:00Z'), status: 'placed', total: 10, rowHash: 'h1' })
    .order({ id: 'O-1', phone: phone(12), created: at('2026-10-07T02:00:00Z'), updated: at('2026-10-07T03:00:00Z'), status: 'paid', total: 10, rowHash: 'h2' })
    .order({ id: 'O-1', phone: phone(12), created: at('2026-10-07T02:00:00Z'), updated: at('2026-10-07T03:00:00Z'), status: 'paid', total: 10, rowHash: 'h2' })
    .order({ id: 'O-2', phone: phone(12), created: at('2026-10-08T02:00:00Z'), updated: at('2026-10-08T05:00:00Z'), status: 'paid', rowHash: 'ha' })
    .order({ id: 'O-2', phone: phone(12), created: at('2026-10-08T02:00:00Z'), updated: at('2026-10-08T05:00:00Z'), status: 'cancelled', rowHash: 'hb' })
    .customer({ crmId: 'C-2', phones: [phone(13)], name: 'A', updated: at('2026-09-20T00:00:00Z'), rowHash: 'c-old' })
    .customer({ crmId: 'C-2', phones: [phone(13)], name: 'B', updated: at('2026-09-20T00:00:00Z'), rowHash: 'c-new' })
    // A message delivered twice keeps its last delivery.
    .inbound('dup', phone(12), at('2026-10-07T01:00:00Z'), 'primera', { ingestedAt: at('2026-10-07T01:00:00Z') })
    .inbound('dup', phone(12), at('2026-10-07T01:00:00Z'), 'segunda', { ingestedAt: at('2026-10-08T01:00:00Z') });
}

/** Segments as of 2026-12-31 (Hong Kong dates). */
function segmentFixture(landing: Landing): void {
  const inquiry = (id: string, n: number, iso: string) => landing.inbound(id, phone(n), at(iso), '¿tienen este modelo?');
  // 100: four product inquiries in the 7 days up to as_of, on four days: high_intent.
  inquiry('s100a', 100, '2026-12-25T02:00:00Z');
  inquiry('s100b', 100, '2026-12-27T02:00:00Z');
  inquiry('s100c', 100, '2026-12-29T02:00:00Z');
  inquiry('s100d', 100, '2026-12-31T02:00:00Z');
  // 101: the first of four falls on 24 Dec, outside the 7 days: 3 in the window, but 4 interactions in 30 days: active.
  inquiry('s101a', 101, '2026-12-24T02:00:00Z');
  inquiry('s101b', 101, '2026-12-26T02:00:00Z');
  inquiry('s101c', 101, '2026-12-28T02:00:00Z');
  inquiry('s101d', 101, '2026-12-30T02:00:00Z');
  // 102: last inbound 61 days before as_of: lost. 103: 60 days before: not lost, and no recent interaction: dormant.
  landing.inbound('s102', phone(102), at('2026-10-31T02:00:00Z'), 'hola');
  landing.inbound('s103', phone(103), at('2026-11-01T02:00:00Z'), 'hola');
  // 104: two interactions in the 30 days: potential.
  landing.inbound('s104a', phone(104), at('2026-12-10T02:00:00Z'), 'hola').inbound('s104b', phone(104), at('2026-12-20T02:00:00Z'), 'hola');
  // 105: only campaign messages, never wrote: dormant.
  landing.campaign('s105', phone(105), at('2026-12-30T02:00:00Z'), 'winter_sale');
  // 106: four discount messages in one conversation: price-sensitive, one interaction: potential.
  for (const [i, minute] of [10, 11, 12, 13].entries()) landing.inbound(`s106${i}`, phone(106), at(`2026-12-15T02:${minute}:00Z`), 'algún descuento?');
  // 107: wrote after as_of too; that does not count: last inbound before as_of is 91 days old: lost.
  landing.inbound('s107a', phone(107), at('2026-10-01T02:00:00Z'), 'hola').inbound('s107b', phone(107), at('2027-01-05T02:00:00Z'), 'hola');
}

/** The funnel (conversion window 14 days). */
function funnelFixture(landing: Landing): void {
  const F = (n: number) => phone(200 + n);
  landing
    // F1: every step; the order comes 3 days after contact; mentions a card; discount then an order within 14 days.
    .inbound('f1a', F(1), at('2026-11-02T02:00:00Z'), 'hola')
    .inbound('f1b', F(1), at('2026-11-03T02:00:00Z'), '¿cuánto cuesta? pago con tarjeta')
    .inbound('f1c', F(1), at('2026-11-04T02:00:00Z'), 'hay descuento?')
    .order({ id: 'F1-1', phone: F(1), created: at('2026-11-05T02:00:00Z'), status: 'placed' })
    .order({ id: 'F1-1', phone: F(1), created: at('2026-11-05T02:00:00Z'), updated: at('2026-11-06T02:00:00Z'), status: 'paid' })
    // F2: the first message is the inquiry; the order comes 18 days later: outside the window.
    .inbound('f2a', F(2), at('2026-11-02T03:00:00Z'), 'precio?')
    .inbound('f2b', F(2), at('2026-11-02T03:05:00Z'), 'descuento?')
    .order({ id: 'F2-1', phone: F(2), created: at('2026-11-20T03:00:00Z'), status: 'paid' })
    // F3: orders without an inquiry: the order step needs the inquiry step first.
    .inbound('f3a', F(3), at('2026-11-03T03:00:00Z'), 'hola')
    .order({ id: 'F3-1', phone: F(3), created: at('2026-11-04T03:00:00Z'), status: 'paid' })
    // F5: mentions cash on delivery first, then a card: payment_cod.
    .inbound('f5a', F(5), at('2026-11-04T03:00:00Z'), 'contra reembolso?')
    .inbound('f5b', F(5), at('2026-11-04T04:00:00Z'), 'o tarjeta')
    // F4, the next week: inquiry at contact, order next day, paid the day after.
    .inbound('f4a', F(4), at('2026-11-09T03:00:00Z'), 'tienen talla M?')
    .order({ id: 'F4-1', phone: F(4), created: at('2026-11-10T03:00:00Z'), status: 'placed' })
    .order({ id: 'F4-1', phone: F(4), created: at('2026-11-10T03:00:00Z'), updated: at('2026-11-11T03:00:00Z'), status: 'paid' });
}

function fixture(): Landing {
  const landing = new Landing();
  identityFixture(landing);
  segmentFixture(landing);
  funnelFixture(landing);
  return landing;
}

describe.each(TARGETS)('customer models on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture(), modelConfig({ as_of: '2026-12-31' }));
  });
  afterAll(async () => warehouse?.close());

  it('merges phones by CRM record or by similar name and the same SKU within 90 days; the first-seen phone names the customer', async () => {
    const identity = Object.fromEntries(
      (await rows(warehouse, 'SELECT phone, customer_key, phones_in_customer FROM stg_identity')).map((row) => [row.phone, [row.customer_key, row.phones_in_customer]]),
    );
    expect(identity[phone(1)]).toEqual([customerKey(phone(1)), 2]);
    expect(identity[phone(2)]).toEqual([customerKey(phone(1)), 2]);
    expect(identity[phone(3)]).toEqual([customerKey(phone(3)), 1]);
    expect(identity[phone(4)]).toEqual([customerKey(phone(4)), 1]);
    expect(identity[phone(5)]).toEqual([customerKey(phone(5)), 1]);
    expect(identity[phone(6)]).toEqual([customerKey(phone(7)), 2]);
    expect(identity[phone(7)]).toEqual([customerKey(phone(7)), 2]);
    expect(identity[phone(8)]).toEqual([customerKey(phone(9)), 2]);
    expect(identity[phone(9)]).toEqual([customerKey(phone(9)), 2]);
    expect(identity[phone(10)]).toEqual([customerKey(phone(10)), 1]);
    expect(identity[phone(11)]).toEqual([customerKey(phone(11)), 1]);
    expect(await rows(warehouse, 'SELECT phone_a, phone_b, reason, evidence, similarity FROM stg_identity_links ORDER BY phone_a')).toEqual([
      { phone_a: phone(1), phone_b: phone(2), reason: 'name_sku', evidence: 'S-1', similarity: 1 },
      { phone_a: phone(6), phone_b: phone(7), reason: 'name_sku', evidence: 'S-3', similarity: 0.923076923 },
      { phone_a: phone(8), phone_b: phone(9), reason: 'crm', evidence: 'C-1', similarity: null },
    ]);
    const [{ leaked }] = await rows(warehouse, "SELECT count(*) AS leaked FROM mart_customer_segments WHERE customer_key LIKE '+%'");
    expect(leaked).toBe(0);
  });

  it('keeps the latest version, collapses repeats and lists ties between versions for review', async () => {
    expect(await rows(warehouse, "SELECT order_id, status, row_hash FROM stg_orders WHERE order_id IN ('O-1', 'O-2') ORDER BY order_id")).toEqual([
      { order_id: 'O-1', status: 'paid', row_hash: 'h2' },
      { order_id: 'O-2', status: 'cancelled', row_hash: 'hb' },
    ]);
    expect(await rows(warehouse, 'SELECT * FROM stg_conflicts ORDER BY entity')).toEqual([
      { entity: 'customer', entity_id: 'C-2', updated_at_ms: at('2026-09-20T00:00:00Z'), versions: 2, row_hashes: ['c-new', 'c-old'], kept_row_hash: 'c-old' },
      { entity: 'order', entity_id: 'O-2', updated_at_ms: at('2026-10-08T05:00:00Z'), versions: 2, row_hashes: ['ha', 'hb'], kept_row_hash: 'hb' },
    ]);
    expect(await rows(warehouse, "SELECT tokens FROM stg_messages WHERE message_id = 'dup'")).toEqual([{ tokens: ['segunda'] }]);
  });

  it('puts every customer in one segment as of as_of, by precedence', async () => {
    const segments = await rows(
      warehouse,
      'SELECT customer_key, segment, action, product_inquiry_messages_7d, price_discount_messages_30d, price_sensitive, interactions_30d, last_inbound_date, days_since_last_inbound FROM mart_customer_segments',
    );
    const of = (n: number) => segments.find((row) => row.customer_key === customerKey(phone(n)));
    expect(of(100)).toMatchObject({ segment: 'high_intent', action: 'send_discount_10', product_inquiry_messages_7d: 4, interactions_30d: 4 });
    expect(of(101)).toMatchObject({ segment: 'active', action: 'none', product_inquiry_messages_7d: 3, interactions_30d: 4 });
    expect(of(102)).toMatchObject({ segment: 'lost', action: 'low_priority_list', last_inbound_date: '2026-10-31', days_since_last_inbound: 61 });
    expect(of(103)).toMatchObject({ segment: 'dormant', action: 'none', days_since_last_inbound: 60, interactions_30d: 0 });
    expect(of(104)).toMatchObject({ segment: 'potential', action: 'weekly_follow_up', interactions_30d: 2 });
    expect(of(105)).toMatchObject({ segment: 'dormant', last_inbound_date: null, days_since_last_inbound: null });
    expect(of(106)).toMatchObject({ segment: 'potential', price_discount_messages_30d: 4, price_sensitive: 1, interactions_30d: 1 });
    expect(of(107)).toMatchObject({ segment: 'lost', last_inbound_date: '2026-10-01', days_since_last_inbound: 91 });
    expect(new Set(segments.map((row) => row.customer_key)).size).toBe(segments.length);
  });

  it('follows each customer through the ordered funnel steps within the conversion window', async () => {
    expect(
      await rows(
        warehouse,
        "SELECT week_start, iso_week, contacted, inquired, ordered, paid, contact_to_inquiry_rate, inquiry_to_order_rate, order_to_paid_rate, overall_conversion_rate, median_days_to_order, mean_days_to_order, discount_customers, discount_ordered, discount_to_order_rate FROM mart_funnel WHERE week_start IN ('2026-11-02', '2026-11-09') ORDER BY week_start",
      ),
    ).toEqual([
      {
        week_start: '2026-11-02', iso_week: '2026-W45', contacted: 4, inquired: 2, ordered: 1, paid: 1,
        contact_to_inquiry_rate: 0.5, inquiry_to_order_rate: 0.5, order_to_paid_rate: 1, overall_conversion_rate: 0.25,
        median_days_to_order: 3, mean_days_to_order: 3, discount_customers: 2, discount_ordered: 1, discount_to_order_rate: 0.5,
      },
      {
        week_start: '2026-11-09', iso_week: '2026-W46', contacted: 1, inquired: 1, ordered: 1, paid: 1,
        contact_to_inquiry_rate: 1, inquiry_to_order_rate: 1, order_to_paid_rate: 1, overall_conversion_rate: 1,
        median_days_to_order: 1, mean_days_to_order: 1, discount_customers: 0, discount_ordered: 0, discount_to_order_rate: null,
      },
    ]);
  });

  it('splits the funnel by the first payment category mentioned', async () => {
    expect(await rows(warehouse, "SELECT * FROM mart_funnel_by_payment WHERE payment_category <> 'none' ORDER BY payment_category")).toEqual([
      { payment_category: 'payment_card', contacted: 1, inquired: 1, ordered: 1, paid: 1, inquiry_to_paid_rate: 1 },
      { payment_category: 'payment_cod', contacted: 1, inquired: 0, ordered: 0, paid: 0, inquiry_to_paid_rate: null },
      { payment_category: 'payment_transfer', contacted: 0, inquired: 0, ordered: 0, paid: 0, inquiry_to_paid_rate: null },
    ]);
  });
});

/**
 * The customer fixture plus 108: two conversations early in September, inside the 30 days up to
 * the first week's Sunday (4 Oct) only: potential then, lost by 31 Dec.
 */
function weeklyFixture(): Landing {
  return fixture().inbound('s108a', phone(108), at('2026-09-10T02:00:00Z'), 'hola').inbound('s108b', phone(108), at('2026-09-12T02:00:00Z'), 'hola');
}

describe.each(TARGETS)('weekly segments on $name', (target) => {
  /** Reads a warehouse built as of a date; one open at a time (chdb holds one session per process). */
  async function built<T>(asOf: string, read: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    const warehouse = await buildModels(target, weeklyFixture(), modelConfig({ as_of: asOf }));
    try {
      return await read(warehouse);
    } finally {
      await warehouse.close();
    }
  }

  it("counts each week's segments as mart_customer_segments does as of that week's last day", async () => {
    // The week holding as_of, one in the middle, and the first of the 91 days (x9's inbound of
    // 1 Sep is older than every day the weeks measure, and still decides that it is lost).
    const asOfs = ['2026-12-31', '2026-11-29', '2026-10-04'];
    const weekly = await built('2026-12-31', (warehouse) =>
      Promise.all(asOfs.map((asOf) => rows(warehouse, `SELECT segment, customers, price_sensitive_customers FROM mart_segments_weekly WHERE as_of = '${asOf}' ORDER BY segment`))),
    );
    for (const [i, asOf] of asOfs.entries()) {
      const expected = await built(asOf, (warehouse) =>
        rows(warehouse, 'SELECT segment, count(*) AS customers, sum(price_sensitive) AS price_sensitive_customers FROM mart_customer_segments GROUP BY segment ORDER BY segment'),
      );
      expect(expected.length).toBeGreaterThan(1);
      expect(weekly[i]).toEqual(expected);
    }
  });
});
