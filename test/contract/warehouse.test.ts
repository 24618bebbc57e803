import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse, LANDING_TABLES } from '../../src/warehouse/init.js';
import { rowEncoder } from '../../src/warehouse/row-encoding.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';

const T0 = Date.UTC(2026, 10, 20, 6, 7, 51, 4);

function message(i: number, overrides: Record<string, unknown> = {}) {
  return {
    message_id: `wamid.${i}`,
    source: 'whatsapp',
    phone_number_id: '411100223344556',
    customer_phone: '+85291234567',
    customer_name: i % 2 ? null : 'Chan Tai Man',
    direction: 'inbound',
    sender_kind: 'customer',
    agent_id: null,
    type: 'text',
    text: `hola ${i}`,
    text_norm: `hola ${i}`,
    tokens: ['hola', String(i)],
    emojis: [],
    sentiment: 0.5,
    ts_ms: T0 + i * 1000,
    ts: T0 + i * 1000,
    raw_json: { id: i },
    source_file: 'x.json',
    source_line: i + 1,
    ingested_at_ms: T0,
    ...overrides,
  };
}

describe.each(TARGETS)('warehouse contract on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });
  afterAll(async () => warehouse?.close());

  it('creates every landing table, and init is idempotent', async () => {
    await initWarehouse(warehouse);
    for (const table of LANDING_TABLES) expect(await warehouse.tableExists(table), table).toBe(true);
    expect(await warehouse.tableExists('no_such_table')).toBe(false);
    await warehouse.replaceView('contract_view', 'SELECT message_id FROM raw_messages');
    expect(await warehouse.tableExists('contract_view')).toBe(true);
    expect((await warehouse.columns('raw_messages')).slice(0, 3)).toEqual(['message_id', 'source', 'phone_number_id']);
  });

  it('gives every landing table the same columns as on DuckDB, event times as epoch ms beside a timestamp', async () => {
    const reference = await DuckDBWarehouse.open({ path: ':memory:' });
    try {
      await initWarehouse(reference);
      for (const table of LANDING_TABLES) expect(await warehouse.columns(table), table).toEqual(await reference.columns(table));
    } finally {
      await reference.close();
    }
    const eventTimes = { raw_messages: 'ts', raw_statuses: 'ts', raw_clicks: 'ts', raw_orders: 'created_at', raw_customers: 'updated_at', ingest_rejects: 'ingested_at', pipeline_runs: 'started_at' };
    for (const [table, column] of Object.entries(eventTimes)) {
      expect(await warehouse.columns(table), table).toEqual(expect.arrayContaining([`${column}_ms`, column]));
    }
  });

  it('round-trips typed values: epoch ms, UTC timestamps, arrays, nulls, JSON text', async () => {
    await warehouse.insert('raw_messages', [message(0, { emojis: ['😊'], text: "it's \\ 'quoted'" })]);
    const rows = await warehouse.query(
      "SELECT message_id, customer_name, tokens, emojis, ts_ms, ts, sentiment, text, raw_json FROM raw_messages WHERE message_id = 'wamid.0'",
    );
    expect(rows).toEqual([
      {
        message_id: 'wamid.0',
        customer_name: 'Chan Tai Man',
        tokens: ['hola', '0'],
        emojis: ['😊'],
        ts_ms: T0,
        ts: expect.stringMatching(/^2026-11-20 06:07:51/),
        sentiment: 0.5,
        text: "it's \\ 'quoted'",
        raw_json: '{"id":0}',
      },
    ]);
  });

  it('bulk-inserts many rows in one call', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => message(i + 1));
    expect(await warehouse.insert('raw_messages', rows)).toBe(30_000);
    const [count] = await warehouse.query('SELECT count(*) AS n, sum(source_line) AS lines FROM raw_messages WHERE ts_ms > {t}', { t: T0 });
    expect(count).toEqual({ n: 30_000, lines: (30_000 * 30_003) / 2 });
  });

  it('appends only rows whose key is new, and says how many it wrote', async () => {
    const encode = rowEncoder(await warehouse.rowEncoding('raw_statuses'));
    const encoded = (i: number, status: string) =>
      encode({ message_id: `wamid.s${i}`, status, recipient_phone: '+85291234567', ts_ms: T0 + i, ts: T0 + i, pricing_billable: i % 2 === 0, raw_json: '{}', source_file: 'f', source_line: i, ingested_at_ms: T0 });
    const first = [encoded(1, 'sent'), encoded(1, 'read'), encoded(2, 'sent')];
    expect(await warehouse.appendNew('raw_statuses', first, ['message_id', 'status'])).toBe(3);
    expect(await warehouse.appendNew('raw_statuses', [encoded(1, 'read'), encoded(3, 'failed'), encoded(2, 'sent')], ['message_id', 'status'])).toBe(1);
    expect(await warehouse.appendNew('raw_statuses', [encoded(3, 'failed')], ['message_id', 'status'])).toBe(0);
    const rows = await warehouse.query('SELECT message_id, status, ts, pricing_billable, phone_number_id FROM raw_statuses ORDER BY message_id, status');
    expect(rows.map((r) => `${r.message_id}/${r.status}`)).toEqual(['wamid.s1/read', 'wamid.s1/sent', 'wamid.s2/sent', 'wamid.s3/failed']);
    expect(rows[0]).toMatchObject({ ts: expect.stringMatching(/^2026-11-20 06:07:51/), phone_number_id: null });
    expect(rows.map((r) => Number(r.pricing_billable))).toEqual([0, 0, 1, 0]);
  });

  it('loads into a table created before a column was added, leaving the new field out', async () => {
    await warehouse.replaceTable('statuses_of_old', 'SELECT message_id, status FROM raw_statuses WHERE 1 = 0', { orderBy: ['message_id', 'status'] });
    const row = rowEncoder(await warehouse.rowEncoding('statuses_of_old'))({ message_id: 'wamid.old', status: 'sent', conversation_expires: T0 });
    expect(await warehouse.appendNew('statuses_of_old', [row], ['message_id', 'status'])).toBe(1);
    expect(await warehouse.query('SELECT message_id, status FROM statuses_of_old')).toEqual([{ message_id: 'wamid.old', status: 'sent' }]);
  });

  it('appends strings with tabs, line breaks, backslashes and quotes unchanged, in arrays too', async () => {
    const awkward = "tab\there\nline\r\\N back\\slash 'single' \"double\" \\t 漢字 😀";
    const tokens = ["it's", 'back\\slash', 'tab\t', '\\N', '[x]', 'a,b', ''];
    const row = message(2, { message_id: 'wamid.awkward', text: awkward, customer_name: '\\N', tokens, emojis: ['😀'], raw_json: awkward, sentiment: -0.123456789012345 });
    expect(await warehouse.appendNew('raw_messages', [rowEncoder(await warehouse.rowEncoding('raw_messages'))(row)], ['message_id'])).toBe(1);
    const [stored] = await warehouse.query("SELECT text, customer_name, tokens, emojis, raw_json, sentiment, agent_id FROM raw_messages WHERE message_id = 'wamid.awkward'");
    expect(stored).toEqual({ text: awkward, customer_name: '\\N', tokens, emojis: ['😀'], raw_json: awkward, sentiment: -0.123456789012345, agent_id: null });
  });

  it('appends a row far longer than a usual webhook row', async () => {
    // Quotes and backslashes are escaped in the encoded row: about 49 MB in JSON, beyond DuckDB's usual read buffer.
    const text = 'a"\\\\'.repeat(7 * 1024 * 1024);
    const row = rowEncoder(await warehouse.rowEncoding('raw_messages'))(message(1, { message_id: 'wamid.long', text, raw_json: '{}' }));
    expect(await warehouse.appendNew('raw_messages', [row], ['message_id'])).toBe(1);
    const [stored] = await warehouse.query("SELECT length(text) AS n FROM raw_messages WHERE message_id = 'wamid.long'");
    expect(stored.n).toBe(text.length);
  });

  it('binds values, never splices them: a hostile string is just a string', async () => {
    const hostile = "x' OR 1=1 --\\\n\t\r'); DROP TABLE raw_messages; -- \"`";
    const rows = await warehouse.query('SELECT count(*) AS n FROM raw_messages WHERE message_id = {id}', { id: hostile });
    expect(rows[0].n).toBe(0);
    const echo = await warehouse.query('SELECT {s} AS s, {n} AS n, {b} AS b', { s: hostile, n: 42, b: 'ünïcödé 漢字 😀' });
    expect(echo[0]).toEqual({ s: hostile, n: 42, b: 'ünïcödé 漢字 😀' });
    await expect(warehouse.query('SELECT 1 AS x', { unused: 1 })).rejects.toThrow(/not used/);
    expect(await warehouse.tableExists('raw_messages')).toBe(true);
  });

  it('rejects identifiers that are not plain names', async () => {
    await expect(warehouse.insert('raw_messages; DROP TABLE raw_messages', [message(1)])).rejects.toThrow(/invalid SQL identifier/);
    await expect(warehouse.replaceTable('bad name', 'SELECT 1 AS x')).rejects.toThrow(/invalid SQL identifier/);
    expect(await warehouse.tableExists('raw_messages')).toBe(true);
  });

  it('replaces a table atomically, and a failed build leaves the old one in place', async () => {
    await warehouse.replaceTable('mart_probe', 'SELECT 1 AS version');
    await warehouse.replaceTable('mart_probe', 'SELECT 2 AS version UNION ALL SELECT 3 AS version', { orderBy: ['version'] });
    expect(await warehouse.query('SELECT version FROM mart_probe ORDER BY version')).toEqual([{ version: 2 }, { version: 3 }]);
    await expect(warehouse.replaceTable('mart_probe', 'SELECT version FROM no_such_table')).rejects.toThrow();
    expect(await warehouse.query('SELECT version FROM mart_probe ORDER BY version')).toEqual([{ version: 2 }, { version: 3 }]);
  });

  it('names the column when a value cannot be stored', async () => {
    await expect(warehouse.insert('raw_messages', [message(99, { tokens: 'not-an-array' })])).rejects.toThrow(/tokens/);
  });
});

describe('storage tuning on current ClickHouse (chdb)', () => {
  it('stores enumerations as LowCardinality and compresses payloads with ZSTD, and the contract still holds', async () => {
    const chdb = TARGETS.find((t) => t.name === 'chdb')!;
    const warehouse = await chdb.open();
    try {
      await initWarehouse(warehouse);
      await initWarehouse(warehouse);
      const [row] = await warehouse.query<{ statement: string }>('SHOW CREATE TABLE raw_messages');
      expect(row.statement).toMatch(/`direction` LowCardinality\(String\)/);
      expect(row.statement).toMatch(/`raw_json` String CODEC\(ZSTD\(3\)\)/);
      await warehouse.insert('raw_messages', [message(1)]);
      expect(await warehouse.query('SELECT direction, raw_json FROM raw_messages')).toEqual([{ direction: 'inbound', raw_json: '{"id":1}' }]);
    } finally {
      await warehouse.close();
    }
  });
});
