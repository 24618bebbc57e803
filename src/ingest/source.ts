import type { CountryCode } from 'libphonenumber-js';
import type { LandingRows, LandingTable } from './landing.js';

/** What every source gets to know about the run (from the configuration, validated once). */
export interface IngestContext {
  /** Region for phone numbers written without a country code. */
  readonly defaultRegion: CountryCode;
  /** IANA zone of the business, for sources whose times carry no zone (chat exports). */
  readonly timezone: string;
  /** Sender names that mark the business side in chat exports. */
  readonly businessSenderNames: readonly string[];
  /** One instant for the whole run, stored in every row's `ingested_at_ms`. */
  readonly ingestedAtMs: number;
  /** Records (lines, CSV rows, JSON files) longer than this are rejected without being held in memory whole. */
  readonly maxRecordBytes: number;
}

/** Where a source puts what it read. Rows are encoded and batched by the framework. */
export interface Emit {
  /** One landing row. Duplicates (same idempotency key) are normal: the writer keeps the first. */
  row<T extends LandingTable>(table: T, row: LandingRows[T]): void;
  /** A record that cannot be loaded; `field` names the culprit when one field is to blame. */
  reject(line: number, field: string | null, reason: string, raw: string): void;
  /** Counts one record read (the line sources' runner counts lines itself). */
  record(): void;
  /**
   * For sources that read with `await` (file and pull sources): call between records. It hands what
   * was collected to the loader when enough has piled up and waits while the warehouse is behind,
   * so memory stays flat however large the input.
   */
  checkpoint(): Promise<void>;
}

interface SourceBase {
  /** The CLI name: `scrm ingest <name> …`. */
  readonly name: string;
  /** The value written to `ingest_rejects.source`. */
  readonly rejectSource: string;
  readonly description: string;
}

/**
 * A source whose records are single lines (NDJSON; a `.json` file holds one record, possibly
 * pretty-printed). `parseLine` must be synchronous and pure: it may run in a worker thread.
 */
export interface LineSource extends SourceBase {
  readonly kind: 'lines';
  /** The module that exports this source as `source`, so worker threads can load it. */
  readonly module: string;
  parseLine(text: string, line: number, file: string, emit: Emit, context: IngestContext): void;
}

/** A source that reads each file its own way (CSV, chat exports), with the shared streaming readers. */
export interface FileSource extends SourceBase {
  readonly kind: 'file';
  /** Reads one file; `onBytes` reports raw bytes read for progress (pass it to `openContent`). */
  readFile(file: string, emit: Emit, context: IngestContext, onBytes: (bytes: number) => void): Promise<void>;
  /** Optional: inputs that are not files (e.g. a database URL) are handed here instead. */
  pull?(input: string, emit: Emit, context: IngestContext, state: IngestState): Promise<PullResult>;
  /** True when `input` is for `pull` rather than a path. */
  isPullInput?(input: string): boolean;
}

export type Source = LineSource | FileSource;

/** Durable key/value state kept in the warehouse (`ingest_state`), e.g. a CRM watermark. */
export interface IngestState {
  get(key: string): Promise<string | null>;
  /** Stored only after the rows read under it are loaded (call it through `PullResult.commit`). */
  set(key: string, value: string): Promise<void>;
}

export interface PullResult {
  /** A label for the summary in place of a file name (credentials removed). */
  label: string;
  /** Runs after every row emitted by the pull is loaded, e.g. to advance a watermark. */
  commit?: () => Promise<void>;
}
