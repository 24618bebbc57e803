import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractEmojis, normalizeText, tokenize } from '../../src/enrich/text.js';
import { Command } from 'commander';
import { chatExportSource, source as registered } from '../../src/ingest/chat-export/index.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { ingest } from '../../src/ingest/run.js';
import type { IngestContext } from '../../src/ingest/source.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'chat-exports');
const fixture = (name: string) => join(FIXTURES, name);

const CONTEXT: IngestContext = {
  defaultRegion: 'HK',
  timezone: 'Asia/Hong_Kong',
  businessSenderNames: ['Tienda Ejemplo', 'Example Store', 'Demo Shop', '示例商店'],
  ingestedAtMs: Date.parse('2026-11-26T00:00:00Z'),
  maxRecordBytes: 64 * 1024,
};

/** Files that carry their customer's phone (in the name or the sender) and dates that tell their order. */
const SELF_CONTAINED = ['Chat de WhatsApp con +34 612 34 56 78.txt', 'android-12h-en-mdy.txt', 'android-12h-es-pm.txt', 'ios-24h-dmy.txt'];
/** Files whose contact is a name only: they need --phone. */
const NEED_PHONE = ['WhatsApp Chat - Ana Gomez.txt', 'android-zh.txt', 'ios-zh-hant.txt', 'bad-lines.txt', 'android-crlf-bom.txt'];

const run = (warehouse: Warehouse, inputs: string[], options = {}) =>
  ingest(warehouse, chatExportSource(options), inputs, { context: CONTEXT, progress: 'off' });

async function count(warehouse: Warehouse, table: string, where = '1 = 1'): Promise<number> {
  const rows = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return rows[0].n;
}

describe.each(TARGETS)('chat-export source into $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });

  afterAll(async () => {
    await warehouse?.close();
  });

  it('loads every message of the fixture folder, refuses whole files that cannot be attributed, and loads nothing twice', async () => {
    const first = await run(warehouse, [FIXTURES]);
    expect(first.inputs).toBe(11);
    expect(first.failures).toEqual([]);
    expect(first.tables.raw_messages).toEqual({ loaded: 10 + 7 + 4 + 6, duplicates: 0 });
    expect(first.rejectReasons).toEqual({
      'no customer phone; pass --phone': 5,
      'date order is ambiguous; pass --date-order dmy|mdy': 1,
      "more than one customer writes in this chat; add agents' names to business.sender_names": 1,
    });
    const refused = await warehouse.query<{ file: string; line: number }>(
      "SELECT source_file AS file, line FROM ingest_rejects WHERE source = 'chat_export' ORDER BY source_file",
    );
    expect(refused.map((row) => [row.file.slice(FIXTURES.length + 1), row.line])).toEqual(
      ['WhatsApp Chat - Ana Gomez.txt', 'ambiguous-dates.txt', 'android-crlf-bom.txt', 'android-zh.txt', 'bad-lines.txt', 'group-two-customers.txt', 'ios-zh-hant.txt'].map((name) => [name, 0]),
    );

    const again = await run(warehouse, [FIXTURES]);
    expect(again.tables.raw_messages).toEqual({ loaded: 0, duplicates: 27 });
    expect(again.tables.ingest_rejects?.loaded).toBe(0);
    expect(await count(warehouse, 'raw_messages')).toBe(27);
    expect(await count(warehouse, 'ingest_rejects')).toBe(7);
  });

  it('loads the name-only chats with --phone, line rejects included, and again nothing twice', async () => {
    const inputs = NEED_PHONE.map(fixture);
    const withPhone = await run(warehouse, inputs, { phone: '+852 9123 4567' });
    expect(withPhone.tables.raw_messages).toEqual({ loaded: 13 + 7 + 3 + 2 + 2, duplicates: 0 });
    expect(withPhone.rejected).toBe(4);
    const again = await run(warehouse, inputs, { phone: '+852 9123 4567' });
    expect(again.tables.raw_messages).toEqual({ loaded: 0, duplicates: 27 });
    expect(await count(warehouse, 'raw_messages')).toBe(54);
    expect(await count(warehouse, 'ingest_rejects', "source = 'chat_export' AND line > 0")).toBe(4);
    const lineRejects = await warehouse.query<{ line: number; reason: string }>(
      "SELECT line, reason FROM ingest_rejects WHERE source = 'chat_export' AND line > 0 ORDER BY line",
    );
    expect(lineRejects.map((row) => row.line)).toEqual([1, 3, 4, 5]);
  });

  it('stores the rows METRICS.md asks for: UTC times, direction, agent, type, enrichment, raw lines', async () => {
    const rows = await warehouse.query(
      `SELECT message_id, source, customer_phone, customer_name, direction, sender_kind, agent_id, type, text, text_norm, tokens, emojis, sentiment, ts_ms, ts, raw_json, source_line, ingested_at_ms
       FROM raw_messages WHERE customer_phone = '+34612345678' ORDER BY source_line`,
    );
    expect(rows.map((row) => [row.source_line, row.direction, row.sender_kind, row.agent_id, row.type])).toEqual([
      [1, 'inbound', 'customer', null, 'system'],
      [2, 'inbound', 'customer', null, 'text'],
      [3, 'inbound', 'customer', null, 'document'],
      [4, 'outbound', 'agent', 'Tienda Ejemplo', 'text'],
      [8, 'inbound', 'customer', null, 'revoked'],
      [9, 'inbound', 'customer', null, 'text'],
      [10, 'outbound', 'agent', 'Tienda Ejemplo', 'image'],
      [12, 'inbound', 'customer', null, 'text'],
      [13, 'inbound', 'customer', null, 'text'],
      [14, 'inbound', 'customer', null, 'location'],
    ]);
    const reply = rows.find((row) => row.source_line === 4)!;
    const text = '¡Hola Lucía! Cuesta 899 HKD.\nTenemos tallas S, M y L.\n\n¿Cuál necesitas?';
    expect(reply).toMatchObject({
      source: 'chat_export',
      customer_name: null,
      text,
      text_norm: normalizeText(text),
      tokens: tokenize(normalizeText(text)),
      emojis: extractEmojis(text),
      ts_ms: Date.parse('2026-11-20T06:05:00Z'),
      ts: '2026-11-20 06:05:00',
      ingested_at_ms: CONTEXT.ingestedAtMs,
    });
    expect(reply.message_id).toMatch(/^chatexport_[0-9a-f]{32}$/u);
    expect(JSON.parse(reply.raw_json as string)).toEqual({ export: readFileSync(fixture(SELF_CONTAINED[0]), 'utf8').split('\n').slice(3, 7).join('\n') });
    expect(rows.find((row) => row.source_line === 2)).toMatchObject({ customer_name: 'Lucía Pérez', text_norm: 'hola cuanto cuesta el abrigo' });
    const media = rows.find((row) => row.source_line === 3)!;
    expect(media).toMatchObject({ text: null, text_norm: '', tokens: [], emojis: [], sentiment: null });
    expect(typeof rows.find((row) => row.source_line === 2)!.sentiment).toBe('number');
  });

  it('adds only the new messages of a later export of the same chat, even with the contact renamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-chat-export-'));
    const name = 'Chat de WhatsApp con +34 612 34 56 78.txt';
    const later = join(dir, name);
    const renamed = readFileSync(fixture(name), 'utf8').replaceAll('Lucía Pérez', 'Lucía (clienta)');
    writeFileSync(later, `${renamed}14/12/2026, 10:00 - Lucía (clienta): ¿Y las botas?\n14/12/2026, 10:02 - Tienda Ejemplo: Llegan el lunes.\n`);
    const before = await count(warehouse, 'raw_messages');
    const summary = await run(warehouse, [later]);
    expect(summary.tables.raw_messages).toEqual({ loaded: 2, duplicates: 10 });
    expect(await count(warehouse, 'raw_messages')).toBe(before + 2);

    copyFileSync(later, join(dir, 'copy of the same export.txt'));
    const copy = await run(warehouse, [join(dir, 'copy of the same export.txt')], { phone: '+34 612 34 56 78' });
    expect(copy.tables.raw_messages).toEqual({ loaded: 0, duplicates: 12 });
  });

  it('rejects a line over the record limit, and what continues it, without holding it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-chat-export-'));
    const file = join(dir, 'WhatsApp Chat with +852 6123 4567.txt');
    const huge = `20/11/2026, 14:05 - Ana: ${'x'.repeat(100 * 1024)}`;
    writeFileSync(file, ['20/11/2026, 14:03 - Ana: Hola', huge, 'the rest of that huge message', '20/11/2026, 14:06 - Tienda Ejemplo: Hola'].join('\n') + '\n');
    const summary = await run(warehouse, [file]);
    expect(summary.tables.raw_messages?.loaded).toBe(2);
    const rejects = await warehouse.query<{ line: number; reason: string; raw: string }>(
      'SELECT line, reason, raw FROM ingest_rejects WHERE source_file = {file} ORDER BY line',
      { file },
    );
    expect(rejects.map((row) => [row.line, row.reason])).toEqual([
      [2, `record too long (${huge.length} bytes, limit ${64 * 1024})`],
      [3, 'continues a rejected line (line 2)'],
    ]);
    expect(rejects[0].raw.startsWith('20/11/2026, 14:05 - Ana: xxx')).toBe(true);
    const texts = await warehouse.query<{ text: string }>('SELECT text FROM raw_messages WHERE source_file = {file} ORDER BY source_line', { file });
    expect(texts.map((row) => row.text)).toEqual(['Hola', 'Hola']);
  });
});

describe('chat-export command-line options', () => {
  it('parse into a configured source: --phone and --date-order reach the parser', async () => {
    const command = new Command('ingest').exitOverride();
    for (const option of registered.cliOptions) command.addOption(option);
    command.parse(['--phone', '+852 9123 4567', '--date-order', 'mdy'], { from: 'user' });
    const configured = registered.configure(command.opts());
    const warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    try {
      await initWarehouse(warehouse);
      const summary = await ingest(warehouse, configured, [fixture('ambiguous-dates.txt')], { context: CONTEXT, progress: 'off' });
      expect(summary.rejected).toBe(0);
      const rows = await warehouse.query<{ customer_phone: string; ts_ms: number }>('SELECT customer_phone, ts_ms FROM raw_messages ORDER BY ts_ms');
      expect(rows.map((row) => [row.customer_phone, new Date(row.ts_ms).toISOString()])).toEqual([
        ['+85291234567', '2026-05-11T02:00:00.000Z'],
        ['+85291234567', '2026-05-11T02:05:00.000Z'],
        ['+85291234567', '2026-06-11T00:00:00.000Z'],
      ]);
    } finally {
      await warehouse.close();
    }
    expect(() => new Command('ingest').exitOverride().configureOutput({ writeErr: () => undefined }).addOption(registered.cliOptions[1]).parse(['--date-order', 'ymd'], { from: 'user' })).toThrow(/Allowed choices are dmy, mdy/);
  });
});
