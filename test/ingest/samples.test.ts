import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { counts, run, SAMPLES } from './helpers.js';

/** Every sample input (chat exports aside: the chat-export source has its own tests). */
async function loadSamples(warehouse: Warehouse) {
  return {
    whatsapp: await run(warehouse, 'whatsapp', [join(SAMPLES, 'webhooks')]),
    sendLog: await run(warehouse, 'send-log', [join(SAMPLES, 'send-log.ndjson')]),
    clicks: await run(warehouse, 'clicks', [join(SAMPLES, 'clicks.ndjson')]),
    orders: await run(warehouse, 'orders', [join(SAMPLES, 'orders.csv')]),
    crm: await run(warehouse, 'crm', [join(SAMPLES, 'crm-contacts.csv')]),
  };
}

const EXPECTED = {
  raw_messages: 10,
  raw_statuses: 3,
  raw_clicks: 1,
  raw_orders: 1,
  raw_order_items: 1,
  raw_customers: 2,
  ingest_rejects: 1,
};

describe.each(TARGETS)('sample inputs on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });
  afterAll(async () => warehouse?.close());

  it('loads every sample with exact row counts, and a second load changes nothing', async () => {
    const first = await loadSamples(warehouse);
    expect(first.whatsapp).toMatchObject({ inputs: 6, records: 6, rejected: 0, tables: { raw_messages: { loaded: 7, duplicates: 0 }, raw_statuses: { loaded: 3, duplicates: 0 } } });
    expect(first.sendLog).toMatchObject({ records: 3, tables: { raw_messages: { loaded: 3, duplicates: 0 } } });
    expect(first.clicks).toMatchObject({ records: 1, tables: { raw_clicks: { loaded: 1 } } });
    expect(first.orders).toMatchObject({ records: 2, rejected: 1, rejectReasons: { 'customer_phone: not a valid phone number': 1 } });
    expect(first.crm).toMatchObject({ records: 2, rejected: 0, tables: { raw_customers: { loaded: 2 } } });
    expect(await counts(warehouse)).toEqual(EXPECTED);

    const second = await loadSamples(warehouse);
    expect(second.whatsapp.tables).toEqual({ raw_messages: { loaded: 0, duplicates: 7 }, raw_statuses: { loaded: 0, duplicates: 3 } });
    expect(second.orders.tables.ingest_rejects).toEqual({ loaded: 0, duplicates: 1 });
    expect(await counts(warehouse)).toEqual(EXPECTED);
  });

  it('maps inbound webhooks: E.164 phones, profile names, types, replies, reactions, referrals, enrichment', async () => {
    const rows = await warehouse.query(
      `SELECT message_id, customer_phone, customer_name, direction, sender_kind, type, text, text_norm, tokens, emojis, sentiment,
              interactive_id, context_message_id, referral_source_id, referral_source_url, ts_ms, ts, source_line
       FROM raw_messages WHERE source = 'whatsapp' ORDER BY ts_ms`,
    );
    expect(rows.map((r) => r.type)).toEqual(['text', 'interactive', 'image', 'reaction', 'text', 'unsupported', 'order']);
    expect(rows.every((r) => r.direction === 'inbound' && r.sender_kind === 'customer' && r.source_line === 1)).toBe(true);
    expect(rows[0]).toMatchObject({
      customer_phone: '+85291234567',
      customer_name: 'Chan Tai Man',
      text_norm: 'hola cuanto cuesta el modelo a hay descuento',
      tokens: ['hola', 'cuanto', 'cuesta', 'el', 'modelo', 'a', 'hay', 'descuento'],
      emojis: ['😊'],
      ts_ms: 1795154592000,
      ts: '2026-11-20 06:03:12',
    });
    expect(rows[1]).toMatchObject({ customer_phone: '+886912345678', interactive_id: 'csat_5', text: 'Excelente', context_message_id: 'wamid.HBgLODg2OTEyMzQ1Njc4FQIAERgSQ1NBVDAwMDAx' });
    expect(rows[2]).toMatchObject({ customer_phone: '+34612345678', customer_name: 'Ana Gómez', text: '¿Tienen esta en talla M?' });
    expect(rows[3]).toMatchObject({ text: '😂', emojis: ['😂'], context_message_id: 'wamid.HBgLMzQ2MTIzNDU2NzgVAgARGBI5OTk5OTk5OTk5' });
    expect(rows[4]).toMatchObject({ customer_name: '王小明', tokens: ['我的', '包裹', '在', '哪裡', '訂單', 'a1029'], referral_source_id: '120200000000000001', referral_source_url: 'https://fb.me/ad-example' });
    expect(rows[5]).toMatchObject({ text: null, text_norm: '', tokens: [], sentiment: null });
    expect(rows[6]).toMatchObject({ type: 'order', text: 'Para entrega mañana' });
    for (const row of rows.filter((r) => r.text !== null)) expect(row.sentiment as number).toBeGreaterThanOrEqual(0);
    expect(rows[1].sentiment as number).toBeGreaterThan(0.5);
  });

  it('keeps statuses with conversation, pricing and errors', async () => {
    const rows = await warehouse.query(
      `SELECT status, recipient_phone, conversation_id, conversation_category, pricing_billable, pricing_model, pricing_category, error_code, error_title, error_details
       FROM raw_statuses ORDER BY ts_ms`,
    );
    expect(rows.map((r) => ({ ...r, pricing_billable: r.pricing_billable === null ? null : Boolean(r.pricing_billable) }))).toEqual([
      { status: 'delivered', recipient_phone: '+85291234567', conversation_id: 'c0ffee00a1b2c3d4e5f60718293a4b5c', conversation_category: 'marketing', pricing_billable: true, pricing_model: 'CBP', pricing_category: 'marketing', error_code: null, error_title: null, error_details: null },
      { status: 'failed', recipient_phone: '+886912345678', conversation_id: null, conversation_category: null, pricing_billable: null, pricing_model: null, pricing_category: null, error_code: 131026, error_title: 'Message undeliverable', error_details: 'Message Undeliverable.' },
      { status: 'read', recipient_phone: '+85291234567', conversation_id: null, conversation_category: null, pricing_billable: null, pricing_model: null, pricing_category: null, error_code: null, error_title: null, error_details: null },
    ]);
  });

  it('maps the send log to outbound messages by agent, bot and campaign', async () => {
    const rows = await warehouse.query(
      `SELECT sender_kind, agent_id, type, template_name, template_category, template_language, customer_phone, ts_ms FROM raw_messages WHERE source = 'send_log' ORDER BY ts_ms`,
    );
    expect(rows).toEqual([
      { sender_kind: 'agent', agent_id: 'agent_07', type: 'text', template_name: null, template_category: null, template_language: null, customer_phone: '+85291234567', ts_ms: Date.UTC(2026, 10, 20, 6, 7, 51, 4) },
      { sender_kind: 'campaign', agent_id: null, type: 'template', template_name: 'winter_sale_2026', template_category: 'marketing', template_language: 'es', customer_phone: '+85291234567', ts_ms: Date.UTC(2026, 10, 20, 6, 30, 0, 120) },
      { sender_kind: 'bot', agent_id: null, type: 'interactive', template_name: null, template_category: null, template_language: null, customer_phone: '+886912345678', ts_ms: Date.UTC(2026, 10, 20, 7, 15) },
    ]);
    expect((await warehouse.query("SELECT count(*) AS n FROM raw_messages WHERE direction = 'outbound'"))[0].n).toBe(3);
  });

  it('maps clicks, orders with items, and CRM contacts with both phones', async () => {
    expect(await warehouse.query('SELECT click_id, token, message_id, url, ts_ms FROM raw_clicks')).toEqual([
      { click_id: 'clk_000000001', token: 'AbC123', message_id: 'wamid.HBgLODUyOTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0', url: 'https://shop.example/p/coat-42', ts_ms: Date.UTC(2026, 10, 20, 6, 41, 9, 512) },
    ]);
    expect(await warehouse.query('SELECT order_id, source, customer_phone, status, payment_method, currency, total, created_at_ms, updated_at_ms FROM raw_orders')).toEqual([
      { order_id: 'A1029', source: 'csv', customer_phone: '+85291234567', status: 'paid', payment_method: 'card', currency: 'HKD', total: 1169.1, created_at_ms: Date.UTC(2026, 10, 20, 9, 12, 44), updated_at_ms: Date.UTC(2026, 10, 20, 9, 20, 1, 250) },
    ]);
    expect(await warehouse.query('SELECT order_id, line_no, sku, quantity, unit_price, currency FROM raw_order_items')).toEqual([
      { order_id: 'A1029', line_no: 1, sku: 'APL-IP15PM', quantity: 1, unit_price: 1169.1, currency: 'HKD' },
    ]);
    expect(await warehouse.query('SELECT crm_id, full_name, phones, tier, country, updated_at_ms FROM raw_customers ORDER BY crm_id')).toEqual([
      { crm_id: 'C-0001', full_name: 'Tai Man Chan', phones: ['+85291234567'], tier: 'gold', country: 'HK', updated_at_ms: Date.UTC(2026, 10, 18, 10) },
      { crm_id: 'C-0002', full_name: 'Mei Lin', phones: ['+886912345678', '+886912345679'], tier: null, country: 'TW', updated_at_ms: Date.UTC(2026, 10, 19, 8, 30, 12, 345) },
    ]);
  });

  it('rejects the order whose local phone is not valid in the default region, naming file, line and field', async () => {
    expect(await warehouse.query('SELECT source, source_file, line, field, reason, raw FROM ingest_rejects')).toEqual([
      {
        source: 'orders',
        source_file: join(SAMPLES, 'orders.csv'),
        line: 3,
        field: 'customer_phone',
        reason: 'not a valid phone number (region HK)',
        raw: 'A1030,0912-345-678,2026-11-21T02:00:00.000Z,2026-11-21T02:00:00.000Z,placed,cod,TWD,2390,TS-M-BLK:2:1195',
      },
    ]);
  });
});

describe('default region', () => {
  it('reads local numbers in the configured region (TW) instead', async () => {
    const warehouse = await TARGETS[0].open();
    await initWarehouse(warehouse);
    const summary = await run(warehouse, 'orders', [join(SAMPLES, 'orders.csv')], { defaultRegion: 'TW' });
    expect(summary.rejected).toBe(0);
    expect(await warehouse.query('SELECT order_id, customer_phone FROM raw_orders ORDER BY order_id')).toEqual([
      { order_id: 'A1029', customer_phone: '+85291234567' },
      { order_id: 'A1030', customer_phone: '+886912345678' },
    ]);
    expect(await warehouse.query('SELECT order_id, sku, quantity, unit_price FROM raw_order_items ORDER BY order_id')).toEqual([
      { order_id: 'A1029', sku: 'APL-IP15PM', quantity: 1, unit_price: 1169.1 },
      { order_id: 'A1030', sku: 'TS-M-BLK', quantity: 2, unit_price: 1195 },
    ]);
    await warehouse.close();
  });
});
