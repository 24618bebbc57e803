import { NDJSON, rowEncoder, type RowEncoder } from '../warehouse/row-encoding.js';
import type { RowEncoding } from '../warehouse/types.js';
import { rowKey, type LandingRows, type LandingTable, type RejectRow } from './landing.js';
import { LineBuffer } from './line-buffer.js';
import type { Emit } from './source.js';

/** The raw text kept with a reject is cut here (the column holds at most 64 KiB of it). */
export const REJECT_RAW_MAX_CHARS = 64 * 1024;

/** Encoded rows of one table: lines of the warehouse's row encoding as UTF-8 bytes, and the idempotency key of each line. */
export interface EncodedTable {
  rows: Uint8Array;
  keys: string[];
}

interface Collecting {
  lines: LineBuffer;
  keys: string[];
  encode: RowEncoder;
}

/** Each landing table's `Warehouse.rowEncoding`, as the run found them (plain data: sent to parse workers). */
export type LandingEncodings = Partial<Record<LandingTable, RowEncoding>>;

/**
 * What a piece of input turned into: encoded rows per table, plus counts. Plain data: crosses
 * threads, with the row bytes transferred (`transferables`).
 */
export interface EncodedBatch {
  tables: Partial<Record<LandingTable, EncodedTable>>;
  records: number;
  rejectReasons: Record<string, number>;
}

/** The memory a batch can hand to another thread instead of copying it. */
export function transferables(batch: EncodedBatch): ArrayBuffer[] {
  return Object.values(batch.tables).flatMap((table) => (table ? [table.rows.buffer as ArrayBuffer] : []));
}

/**
 * The `Emit` that sources write to: encodes each row straight away, in the encoding the warehouse
 * loads (NDJSON for DuckDB, TabSeparated for ClickHouse), as UTF-8 bytes + key, so that what is kept
 * is compact, and so that the encoding can run in a worker thread beside the loader.
 */
export class RowCollector implements Emit {
  /** Set by the runner for file and pull sources: hands batches to the loader (see `Emit.checkpoint`). */
  onCheckpoint: ((collector: RowCollector) => Promise<void>) | null = null;

  private tables: Partial<Record<LandingTable, Collecting>> = {};
  private records = 0;
  private rejectReasons: Record<string, number> = {};

  constructor(
    private readonly rejectSource: string,
    private readonly file: string,
    private readonly ingestedAtMs: number,
    /** A table without one (missing from the warehouse) is encoded as NDJSON; its append then fails as it would anyway. */
    private readonly encodings: LandingEncodings,
  ) {}

  row<T extends LandingTable>(table: T, row: LandingRows[T]): void {
    const tables: Partial<Record<LandingTable, Collecting>> = this.tables;
    let encoded = tables[table];
    if (!encoded) {
      encoded = { lines: new LineBuffer(), keys: [], encode: encoderFor(this.encodings[table] ?? NDJSON) };
      tables[table] = encoded;
    }
    encoded.lines.push(encoded.encode(row));
    encoded.keys.push(rowKey(table, row));
  }

  reject(line: number, field: string | null, reason: string, raw: string): void {
    const row: RejectRow = {
      source: this.rejectSource,
      source_file: this.file,
      line,
      field,
      reason,
      raw: raw.length > REJECT_RAW_MAX_CHARS ? raw.slice(0, REJECT_RAW_MAX_CHARS) : raw,
      ingested_at_ms: this.ingestedAtMs,
      ingested_at: this.ingestedAtMs,
    };
    this.row('ingest_rejects', row);
    const group = reasonGroup(field, reason);
    this.rejectReasons[group] = (this.rejectReasons[group] ?? 0) + 1;
  }

  record(): void {
    this.records++;
  }

  async checkpoint(): Promise<void> {
    if (this.onCheckpoint) await this.onCheckpoint(this);
  }

  /** Hands over what was collected so far (each table's rows as NDJSON bytes) and starts afresh. */
  take(): EncodedBatch {
    const tables: Partial<Record<LandingTable, EncodedTable>> = {};
    for (const [table, collected] of Object.entries(this.tables) as [LandingTable, Collecting][]) {
      tables[table] = { rows: collected.lines.take(), keys: collected.keys };
    }
    const batch = { tables, records: this.records, rejectReasons: this.rejectReasons };
    this.tables = {};
    this.records = 0;
    this.rejectReasons = {};
    return batch;
  }

  get pendingRecords(): number {
    return this.records;
  }

  get pendingRows(): number {
    let n = 0;
    for (const table of Object.values(this.tables)) n += table?.keys.length ?? 0;
    return n;
  }
}

/** Encoders are built once per encoding and thread: a collector lives for one file or block. */
const encoders = new WeakMap<RowEncoding, RowEncoder>();

function encoderFor(encoding: RowEncoding): RowEncoder {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = rowEncoder(encoding);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/** Summary grouping of a reject: the field and the reason without its detail in parentheses. */
function reasonGroup(field: string | null, reason: string): string {
  const cut = reason.indexOf(' (');
  const short = cut > 0 ? reason.slice(0, cut) : reason;
  return field ? `${field}: ${short}` : short;
}
