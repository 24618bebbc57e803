/** The one seam between the pipeline and its storage engines. Every stage talks to this, never to a driver. */

export type EngineName = 'duckdb' | 'clickhouse';

/** A value that can be bound into SQL by the engine's driver. */
export type SqlValue = string | number | bigint | boolean | null | Date | readonly SqlValue[];

/** Named parameters, referenced in SQL as `{name}`. */
export type Params = Readonly<Record<string, SqlValue>>;

/**
 * A result row as both engines return it: integers and floats as numbers, strings, dates as
 * 'YYYY-MM-DD', timestamps as 'YYYY-MM-DD HH:MM:SS[.fff]' (UTC), arrays as arrays.
 */
export type Row = Record<string, unknown>;

/** A row handed to `insert`: keys are column names; timestamp columns accept epoch milliseconds. */
export type InsertRow = Readonly<Record<string, unknown>>;

/**
 * Rows already encoded for bulk loading, as NDJSON: one JSON object per line (one or many lines per
 * element, separated by '\n', none after the last), keys are column names, timestamp columns hold
 * UTC epoch milliseconds, arrays are JSON arrays, absent or null columns are NULL. An element is
 * text or its UTF-8 bytes (what ingest hands over: encoded in a parse worker, passed on without a
 * copy). Both engines load this natively (DuckDB `read_json`, ClickHouse `JSONEachRow`), so the
 * encoding can happen anywhere, e.g. in a worker thread, and the engine never sees JS objects.
 */
export type EncodedRows = string | Uint8Array;

export interface ReplaceOptions {
  /** Sort key for engines that need one (ClickHouse MergeTree); ignored by DuckDB. */
  orderBy?: readonly string[];
}

export interface Warehouse {
  readonly engine: EngineName;
  /** Runs one statement that returns no rows (DDL, INSERT … SELECT). */
  exec(sql: string, params?: Params): Promise<void>;
  /** Runs statements separated by a semicolon at the end of a line, in order. */
  execScript(sql: string): Promise<void>;
  /** Runs a query and returns its rows with engine-neutral value types (see `Row`). */
  query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Appends rows in bulk (loaded from a temporary NDJSON file on DuckDB, streamed JSONEachRow on ClickHouse). Returns rows written. */
  insert(table: string, rows: readonly InsertRow[]): Promise<number>;
  /**
   * Appends the encoded rows whose key (`keyColumns`) is not in the table yet, and returns how many
   * it wrote. The caller guarantees that keys are distinct within one call.
   */
  appendNew(table: string, rows: readonly EncodedRows[], keyColumns: readonly string[]): Promise<number>;
  /** Builds `table` from `selectSql` under a temporary name, then swaps it in; readers never see a half-built table. */
  replaceTable(table: string, selectSql: string, options?: ReplaceOptions): Promise<void>;
  /** Creates or replaces `view` (or a table of that name) as a view of `selectSql`, atomically like `replaceTable`. */
  replaceView(view: string, selectSql: string): Promise<void>;
  tableExists(table: string): Promise<boolean>;
  /** Column names of a table in declaration order. */
  columns(table: string): Promise<string[]>;
  close(): Promise<void>;
}
