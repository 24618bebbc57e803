import type { Warehouse } from '../warehouse/types.js';
import type { EncodedBatch } from './collector.js';
import { LANDING_KEYS, type LandingTable } from './landing.js';
import type { TableCounts } from './summary.js';

export interface WriterOptions {
  /** Rows per table buffered before one bulk append. */
  batchRows?: number;
  /** Encoded bytes (approximately) per table buffered before one bulk append. */
  batchBytes?: number;
}

interface Pending {
  lines: string[];
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
    this.batchRows = options.batchRows ?? 200_000;
    this.batchBytes = options.batchBytes ?? 128 * 1024 * 1024;
  }

  add(batch: EncodedBatch): void {
    this.throwIfFailed();
    for (const [table, encoded] of Object.entries(batch.tables) as [LandingTable, { lines: string[]; keys: string[] }][]) {
      let pending = this.pending.get(table);
      if (!pending) {
        pending = { lines: [], keys: new Set(), bytes: 0 };
        this.pending.set(table, pending);
      }
      const { lines, keys } = encoded;
      for (let i = 0; i < lines.length; i++) {
        if (pending.keys.has(keys[i])) {
          this.count(table).duplicates++;
          continue;
        }
        pending.keys.add(keys[i]);
        pending.lines.push(lines[i]);
        pending.bytes += lines[i].length;
      }
      if (pending.lines.length >= this.batchRows || pending.bytes >= this.batchBytes) this.flushTable(table);
    }
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
    if (!pending || pending.lines.length === 0) return;
    this.pending.delete(table);
    const lines = pending.lines;
    this.inFlight++;
    this.chain = this.chain.then(async () => {
      try {
        if (this.failure) return;
        const written = await this.warehouse.appendNew(table, lines, LANDING_KEYS[table]);
        const counts = this.count(table);
        counts.loaded += written;
        counts.duplicates += lines.length - written;
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
