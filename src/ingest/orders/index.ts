import { parseJsonObject } from '../json-record.js';
import { parseBlock } from '../parse-lines.js';
import { readCsv, type CsvRecord } from '../read/csv.js';
import { readLineBlocks } from '../read/lines.js';
import { openContent } from '../read/open.js';
import type { Emit, FileSource, IngestContext } from '../source.js';
import { fromJson, fromShopCsv, fromShopify, isShopifyHeader, type FormatError } from './formats.js';
import { emitOrder, type OrderInput } from './order.js';

const NDJSON_NAME = /\.(nd)?jsonl?(\.gz)?$|\.json(\.gz)?$/i;

/** Orders with line items: the shop's CSV, NDJSON, or Shopify's orders export CSV. */
export const source: FileSource = {
  kind: 'file',
  name: 'orders',
  rejectSource: 'orders',
  description: 'orders with line items: shop CSV (items SKU:qty:price|…), NDJSON, or Shopify orders export CSV',
  async readFile(file, emit, context, onBytes) {
    if (NDJSON_NAME.test(file)) await readNdjson(file, emit, context, onBytes);
    else await readCsvOrders(file, emit, context, onBytes);
  },
};

async function readNdjson(file: string, emit: Emit, context: IngestContext, onBytes: (n: number) => void): Promise<void> {
  for await (const block of readLineBlocks(await openContent(file, onBytes), context.maxRecordBytes)) {
    parseBlock(parseJsonOrder, file, block, emit, context);
    await emit.checkpoint();
  }
}

function parseJsonOrder(text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  const record = parseJsonObject(text, line, emit);
  if (record) emitParsed(fromJson(record), line, file, text, emit, context);
}

async function readCsvOrders(file: string, emit: Emit, context: IngestContext, onBytes: (n: number) => void): Promise<void> {
  let shopify: boolean | null = null;
  let group: CsvRecord[] = [];
  const flushShopify = () => {
    if (group.length === 0) return;
    const raw = group.map((row) => row.raw).join('\n');
    emitOrder(fromShopify(group), group[0].line, file, raw, emit, context);
    group = [];
  };
  for await (const item of readCsv(await openContent(file, onBytes), context.maxRecordBytes)) {
    emit.record();
    if ('error' in item) {
      emit.reject(item.error.line, null, item.error.reason, item.error.raw);
      continue;
    }
    const record = item.record;
    shopify ??= isShopifyHeader(record.columns);
    if (!shopify) {
      emitParsed(fromShopCsv(record), record.line, file, record.raw, emit, context);
    } else {
      // Shopify repeats the order name on every line-item row; the order ends when the name changes.
      if (group.length && record.values.Name !== group[0].values.Name) flushShopify();
      group.push(record);
    }
    await emit.checkpoint();
  }
  flushShopify();
}

function emitParsed(parsed: OrderInput | FormatError, line: number, file: string, raw: string, emit: Emit, context: IngestContext): void {
  if ('field' in parsed) emit.reject(line, parsed.field, parsed.reason, raw);
  else emitOrder(parsed, line, file, raw, emit, context);
}
