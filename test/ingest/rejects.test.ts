import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { counts, run, tempDir } from './helpers.js';

const TS = '1795154592';

function body(value: Record<string, unknown>, field = 'messages'): string {
  const metadata = { display_phone_number: '85230001234', phone_number_id: '411100223344556' };
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field, value: { messaging_product: 'whatsapp', metadata, ...value } }] }] });
}

const text = (id: string, from = '85291234567', timestamp: unknown = TS) => ({ from, id, timestamp, type: 'text', text: { body: `hola ${id}` } });

const WEBHOOK_LINES = [
  '{"object":"whatsapp_business_account","entry":[',
  '[1,2]',
  '{"object":"page","entry":[]}',
  '{"object":"whatsapp_business_account"}',
  body({ messages: [{ ...text('m1'), id: undefined }, text('m2', 'abc'), text('m3', '85291234567', 'yesterday'), text('ok1'), { ...text('m4'), type: undefined }] }),
  body({ statuses: [{ id: 's1', status: 'read', timestamp: TS }, { id: 'ok-s', status: 'deleted', timestamp: TS, recipient_id: '85291234567' }] }),
  body({ ban_info: {} }, 'account_update'),
  'x'.repeat(50_000),
  '   ',
  body({ messages: [{ from: '34612345678', id: 'ok-eph', timestamp: TS, type: 'ephemeral', ephemeral: { ttl: 3 } }] }) + '\r',
];

describe.each(TARGETS)('bad input on $name', (target) => {
  let warehouse: Warehouse;
  const dir = tempDir('rejects');

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });
  afterAll(async () => warehouse?.close());

  it('rejects each bad webhook record or item with a reason naming the field, and loads the rest', async () => {
    const file = join(dir, 'webhooks.ndjson');
    writeFileSync(file, WEBHOOK_LINES.join('\n'));
    const summary = await run(warehouse, 'whatsapp', [file], { maxRecordBytes: 10_000 });
    expect(summary.records).toBe(9);
    expect(summary.tables.raw_messages).toEqual({ loaded: 2, duplicates: 0 });
    expect(summary.tables.raw_statuses).toEqual({ loaded: 1, duplicates: 0 });
    const rejects = await warehouse.query("SELECT line, field, reason, length(raw) AS raw_chars FROM ingest_rejects WHERE source = 'whatsapp' ORDER BY line, reason");
    expect(rejects.map(({ line, field, reason }) => [line, field, reason])).toEqual([
      [1, null, expect.stringMatching(/^malformed JSON \(/)],
      [2, null, 'not a JSON object'],
      [3, 'object', 'not a WhatsApp Business webhook (object "page")'],
      [4, 'entry', 'missing field'],
      [5, 'timestamp', 'bad timestamp (entry[0].changes[0].value.messages[2].timestamp)'],
      [5, 'id', 'missing field (entry[0].changes[0].value.messages[0].id)'],
      [5, 'type', 'missing field (entry[0].changes[0].value.messages[4].type)'],
      [5, 'from', 'not a valid phone number (region HK, entry[0].changes[0].value.messages[1].from)'],
      [6, 'recipient_id', 'missing field (entry[0].changes[0].value.statuses[0].recipient_id)'],
      [7, 'field', 'not a messages change (entry[0].changes[0].field "account_update")'],
      [8, null, 'record too long (50000 bytes, limit 10000)'],
    ]);
    expect(rejects.find((r) => r.line === 8)?.raw_chars).toBe(50_000);
    expect(summary.rejected).toBe(11);
    expect(summary.rejectReasons).toMatchObject({ 'id: missing field': 1, 'from: not a valid phone number': 1, 'record too long': 1 });

    const kept = await warehouse.query("SELECT message_id, type, raw_json FROM raw_messages WHERE message_id = 'ok-eph'");
    expect(kept).toEqual([{ message_id: 'ok-eph', type: 'ephemeral', raw_json: expect.stringContaining('"ephemeral":{"ttl":3}') }]);
    expect(await warehouse.query('SELECT message_id, status FROM raw_statuses')).toEqual([{ message_id: 'ok-s', status: 'deleted' }]);

    const before = await counts(warehouse);
    const again = await run(warehouse, 'whatsapp', [file], { maxRecordBytes: 10_000 });
    expect(again.tables.ingest_rejects).toEqual({ loaded: 0, duplicates: 11 });
    expect(await counts(warehouse)).toEqual(before);
  });

  it('keeps at most 64 KiB of a rejected record', async () => {
    const file = join(dir, 'huge.ndjson');
    writeFileSync(file, `${'y'.repeat(200_000)}\n${body({ messages: [text('after-huge')] })}\n`);
    const summary = await run(warehouse, 'whatsapp', [file], { maxRecordBytes: 100_000 });
    expect(summary.tables.raw_messages?.loaded).toBe(1);
    const [reject] = await warehouse.query('SELECT line, reason, length(raw) AS chars FROM ingest_rejects WHERE source_file = {f}', { f: file });
    expect(reject).toEqual({ line: 1, reason: 'record too long (200000 bytes, limit 100000)', chars: 65_536 });
  });

  it('rejects bad send-log, click, order and CRM records by field', async () => {
    const sendLog = join(dir, 'send-log.ndjson');
    writeFileSync(
      sendLog,
      [
        { message_id: 'o1', to: '85291234567', sent_at: '2026-11-20T06:30:00Z', sender_kind: 'robot' },
        { message_id: 'o2', to: '85291234567', sent_at: 'nope', sender_kind: 'agent', agent_id: 'a1' },
        { message_id: 'o3', sent_at: '2026-11-20T06:30:00Z', sender_kind: 'bot' },
        { message_id: 'o4', to: '85291234567', sent_at: '2026-11-20 14:30:00', sender_kind: 'bot', text: 'hola' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const clicks = join(dir, 'clicks.ndjson');
    writeFileSync(clicks, [{ click_id: 'k1', token: 't', clicked_at: '2026-11-20T06:41:09Z' }, { click_id: 'k2', token: 't', url: 'https://x', clicked_at: '2026-02-30T00:00:00Z' }].map((r) => JSON.stringify(r)).join('\n'));
    const orders = join(dir, 'orders.csv');
    writeFileSync(
      orders,
      [
        'order_id,customer_phone,created_at,updated_at,status,payment_method,currency,total,items',
        'B1,+85291234567,2026-11-20T09:12:44Z,2026-11-20T09:12:44Z,paid,card,HKD,abc,X:1:1',
        'B2,+85291234567,2026-11-20T09:12:44Z,2026-11-20T09:12:44Z,paid,card,HKD,10,X-1',
        'B3,+85291234567,someday,2026-11-20T09:12:44Z,paid,card,HKD,10,X:1:10',
        'B4,+85291234567,2026-11-20T09:12:44Z,,placed,"cod,HKD,10,X:1:10',
      ].join('\n'),
    );
    const crm = join(dir, 'crm.csv');
    writeFileSync(
      crm,
      [
        'crm_id,first_name,last_name,phone,mobile_phone,email,tier,address,postal_code,country,updated_at',
        ',A,B,+85291234567,,,,,,HK,2026-11-18T10:00:00Z',
        'C-1,A,B,+85291234567,,,,,,HK,not a date',
        'C-2,A,B,+85291234567,12,,,,,HK,2026-11-18T10:00:00Z',
        'C-3,A,B,999,12,,,,,HK,2026-11-18T10:00:00Z',
      ].join('\n'),
    );
    const results = {
      sendLog: await run(warehouse, 'send-log', [sendLog]),
      clicks: await run(warehouse, 'clicks', [clicks]),
      orders: await run(warehouse, 'orders', [orders]),
      crm: await run(warehouse, 'crm', [crm]),
    };
    expect(results.sendLog.tables.raw_messages?.loaded).toBe(1);
    expect(results.crm.tables.raw_customers?.loaded).toBe(1);
    const rejects = await warehouse.query(
      "SELECT source, line, field, reason FROM ingest_rejects WHERE source IN ('send_log', 'clicks', 'orders', 'crm') ORDER BY source, line, reason",
    );
    expect(rejects).toEqual([
      { source: 'clicks', line: 1, field: 'url', reason: 'missing field' },
      { source: 'clicks', line: 2, field: 'clicked_at', reason: 'bad timestamp' },
      { source: 'crm', line: 2, field: 'crm_id', reason: 'missing field' },
      { source: 'crm', line: 3, field: 'updated_at', reason: 'bad timestamp' },
      { source: 'crm', line: 4, field: 'mobile_phone', reason: 'not a valid phone number (region HK, mobile_phone)' },
      { source: 'crm', line: 5, field: 'phone', reason: 'not a valid phone number (region HK, phone)' },
      { source: 'orders', line: 2, field: 'total', reason: 'not a number' },
      { source: 'orders', line: 3, field: 'items', reason: 'not SKU:qty:price (item 1)' },
      { source: 'orders', line: 4, field: 'created_at', reason: 'bad timestamp' },
      { source: 'orders', line: 5, field: null, reason: expect.stringMatching(/^malformed CSV \(/) },
      { source: 'send_log', line: 1, field: 'sender_kind', reason: 'not agent, bot or campaign' },
      { source: 'send_log', line: 2, field: 'sent_at', reason: 'bad timestamp' },
      { source: 'send_log', line: 3, field: 'to', reason: 'missing field' },
    ]);
    // A zone-less time is read in the business zone (Asia/Hong_Kong, UTC+8).
    expect(await warehouse.query("SELECT ts_ms FROM raw_messages WHERE message_id = 'o4'")).toEqual([{ ts_ms: Date.UTC(2026, 10, 20, 6, 30) }]);
    expect(await warehouse.query("SELECT phones FROM raw_customers WHERE crm_id = 'C-2'")).toEqual([{ phones: ['+85291234567'] }]);
  });

  it('reads gzip by its magic bytes, pretty-printed JSON files, CRLF lines, and folders', async () => {
    const folder = join(dir, 'inbox');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    writeFileSync(join(folder, 'a.ndjson.gz'), gzipSync([body({ messages: [text('gz1')] }), body({ messages: [text('gz2')] })].join('\r\n') + '\r\n'));
    writeFileSync(join(folder, 'nested', 'b.json'), JSON.stringify(JSON.parse(body({ messages: [text('pretty')] })), null, 2));
    writeFileSync(join(folder, 'nested', 'c.log'), gzipSync(body({ messages: [text('gz-no-suffix')] })));
    writeFileSync(join(folder, '.hidden.ndjson'), body({ messages: [text('hidden')] }));
    const summary = await run(warehouse, 'whatsapp', [folder]);
    expect(summary).toMatchObject({ inputs: 3, records: 4, rejected: 0, tables: { raw_messages: { loaded: 4, duplicates: 0 } } });
    const rows = await warehouse.query("SELECT message_id, text, source_line FROM raw_messages WHERE message_id IN ('gz1', 'gz2', 'pretty', 'gz-no-suffix', 'hidden') ORDER BY message_id");
    expect(rows).toEqual([
      { message_id: 'gz-no-suffix', text: 'hola gz-no-suffix', source_line: 1 },
      { message_id: 'gz1', text: 'hola gz1', source_line: 1 },
      { message_id: 'gz2', text: 'hola gz2', source_line: 2 },
      { message_id: 'pretty', text: 'hola pretty', source_line: 1 },
    ]);
  });

  it('reports an input that cannot be read and goes on with the next', async () => {
    const good = join(dir, 'good.ndjson');
    writeFileSync(good, body({ messages: [text('after-missing')] }));
    const truncated = join(dir, 'truncated.ndjson.gz');
    const full = gzipSync(Array.from({ length: 200 }, (_, i) => body({ messages: [text(`tr${i}`)] })).join('\n'));
    writeFileSync(truncated, full.subarray(0, full.length - 20));
    const summary = await run(warehouse, 'whatsapp', [join(dir, 'missing.ndjson'), truncated, good]);
    expect(summary.failures.map((f) => f.input)).toEqual([join(dir, 'missing.ndjson'), truncated]);
    expect(summary.failures[1].error).toMatch(/unexpected end of file/);
    expect(summary.inputs).toBe(1);
    expect((await warehouse.query("SELECT count(*) AS n FROM raw_messages WHERE message_id = 'after-missing'"))[0].n).toBe(1);
  });
});
