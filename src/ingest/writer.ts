import type { Warehouse } from '../warehouse/types.js';
import type { EncodedBatch, EncodedTable } from './collector.js';
import { LANDING_KEYS, type LandingTable } from './landing.js';
import { joinLines, splitLines } from './line-buffer.js';
import type { TableCounts } from './summary.js';

export interface WriterOptions {
  /** Rows per table buffered before one bulk append. */
  batchRows?: number;
  /** Encoded bytes per table buffered before one bulk append. */
  batchBytes?: number;
}

/**
 * Rows per append: one DuckDB row group. DuckDB writes an append of at least a row group straight
 * to the database file, compressed once; a smaller one is logged to the WAL first and compressed
 * again at the next checkpoint (three appends of 67 k webhook rows took ~25 % more CPU than one of
 * 200 k). Two row groups per append were no faster on 1 M messages and took 1.3 GB more memory.
 * ClickHouse gets fewer, larger parts too.
 */
const BATCH_ROWS = 122_880;
/** A cap on the bytes buffered per table, for rows far larger than a webhook message. */
const BATCH_BYTES = 512 * 1024 * 1024;

interface Pending {
  /** NDJSON pieces (UTF-8 bytes), one or more rows each. */
  chunks: Uint8Array[];
  rows: number;
  keys: Set<string>;
  bytes: number;
}

/**
 * Batches encoded rows per landing table and appends only rows whose idempotency key is new:
 * duplicates inside a batch are dropped here, duplicates of stored rows by the warehouse's
 * `appendNew` (an anti-join). Appends run one at a time, in order, while the caller keeps
 * producing the next batch; `ready()` applies back-pressure so memory stays bounded.
 */
export class LandingWriter {
  private readonly pending = new Map<LandingTable, Pending>();
  private readonly tableCounts = new Map<LandingTable, TableCounts>();
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private failure: Error | null = null;
  private readonly batchRows: number;
  private readonly batchBytes: number;

  constructor(
    private readonly warehouse: Warehouse,
    options: WriterOptions = {},
  ) {
    this.batchRows = options.batchRows ?? BATCH_ROWS;
    this.batchBytes = options.batchBytes ?? BATCH_BYTES;
  }

  add(batch: EncodedBatch): void {
    this.throwIfFailed();
    for (const [table, encoded] of Object.entries(batch.tables) as [LandingTable, EncodedTable][]) {
      let pending = this.pending.get(table);
      if (!pending) {
        pending = { chunks: [], rows: 0, keys: new Set(), bytes: 0 };
        this.pending.set(table, pending);
      }
      const kept = this.keepNew(table, pending, encoded);
      if (kept.length === 0) continue;
      pending.chunks.push(kept);
      pending.bytes += kept.length;
      if (pending.rows >= this.batchRows || pending.bytes >= this.batchBytes) this.flushTable(table);
    }
  }

  /**
   * The rows whose key is not yet in this batch. The bytes are kept as they are when no key
   * repeats (the usual case); otherwise they are split into lines to drop the repeats.
   */
  private keepNew(table: LandingTable, pending: Pending, encoded: EncodedTable): Uint8Array {
    const { keys } = encoded;
    let repeats: Set<number> | null = null;
    const seen = pending.keys;
    for (let i = 0; i < keys.length; i++) {
      // One hash look-up per key: `add` leaves the size as it was when the key is there already.
      const size = seen.size;
      if (seen.add(keys[i]).size === size) (repeats ??= new Set()).add(i);
    }
    pending.rows += keys.length - (repeats?.size ?? 0);
    if (!repeats) return encoded.rows;
    this.count(table).duplicates += repeats.size;
    return joinLines(splitLines(encoded.rows).filter((_, i) => !repeats.has(i)));
  }

  /** Resolves when the writer can take more: at most one append runs while the next batch builds. */
  async ready(): Promise<void> {
    while (this.inFlight > 1) await this.chain;
    this.throwIfFailed();
  }

  /** Appends everything still buffered and waits until it is stored. */
  async flush(): Promise<void> {
    for (const table of [...this.pending.keys()]) this.flushTable(table);
    await this.chain;
    this.throwIfFailed();
  }

  /** Counts per table so far (complete after `flush`). */
  counts(): Partial<Record<LandingTable, TableCounts>> {
    return Object.fromEntries(this.tableCounts);
  }

  private flushTable(table: LandingTable): void {
    const pending = this.pending.get(table);
    if (!pending || pending.rows === 0) return;
    this.pending.delete(table);
    const { chunks, rows } = pending;
    this.inFlight++;
    this.chain = this.chain.then(async () => {
      try {
        if (this.failure) return;
        const written = await this.warehouse.appendNew(table, chunks, LANDING_KEYS[table]);
        const counts = this.count(table);
        counts.loaded += written;
        counts.duplicates += rows - written;
      } catch (error) {
        this.failure ??= error as Error;
      } finally {
        this.inFlight--;
      }
    });
  }

  private count(table: LandingTable): TableCounts {
    let counts = this.tableCounts.get(table);
    if (!counts) {
      counts = { loaded: 0, duplicates: 0 };
      this.tableCounts.set(table, counts);
    }
    return counts;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
