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
 * Rows already encoded for bulk loading in the table's `RowEncoding`: one row per line (one or many
 * lines per element, separated by '\n', none after the last). An element is text or its UTF-8 bytes
 * (what ingest hands over: encoded in a parse worker, passed on without a copy), so the encoding
 * can happen anywhere, e.g. in a worker thread, and the engine never sees JS objects.
 */
export type EncodedRows = string | Uint8Array;

/**
 * How `appendNew` takes a table's rows, as plain data (it crosses to parse worker threads, which
 * build the encoder with `rowEncoder`). Either way timestamp columns hold UTC epoch milliseconds.
 * - `ndjson`: one JSON object per line, keys are column names, arrays are JSON arrays, absent or
 *   null keys are NULL (DuckDB's `read_json` reads it).
 * - `tsv`: ClickHouse's TabSeparated in `columns` order (the types are those of the encoded values,
 *   e.g. Int64 for a DateTime); the server parses it in half the CPU of JSONEachRow, and it is half
 *   the bytes (no key names).
 */
export type RowEncoding = { readonly format: 'ndjson' } | { readonly format: 'tsv'; readonly columns: readonly EncodedColumn[] };

export interface EncodedColumn {
  readonly name: string;
  /** The engine's type name of the encoded value. */
  readonly type: string;
}

export interface ReplaceOptions {
  /** Sort key for engines that need one (ClickHouse MergeTree); ignored by DuckDB. */
  orderBy?: readonly string[];
}

export interface Warehouse {
  readonly engine: EngineName;
  /**
   * Statements a caller may have running at once on this object (the model runner builds this many
   * models at a time): 1 where statements share one connection.
   */
  readonly concurrentStatements: number;
  /** Runs one statement that returns no rows (DDL, INSERT … SELECT). */
  exec(sql: string, params?: Params): Promise<void>;
  /** Runs statements separated by a semicolon at the end of a line, in order. */
  execScript(sql: string): Promise<void>;
  /** Runs a query and returns its rows with engine-neutral value types (see `Row`). */
  query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Appends rows in bulk (loaded from a temporary NDJSON file on DuckDB, streamed JSONEachRow on ClickHouse). Returns rows written. */
  insert(table: string, rows: readonly InsertRow[]): Promise<number>;
  /**
   * Appends the encoded rows (in the table's `rowEncoding`) whose key (`keyColumns`) is not in the table yet, and returns how many
   * it wrote. The caller guarantees that keys are distinct within one call.
   */
  appendNew(table: string, rows: readonly EncodedRows[], keyColumns: readonly string[]): Promise<number>;
  /** How `appendNew` takes the rows of `table` (fails like `appendNew` when the table is missing). */
  rowEncoding(table: string): Promise<RowEncoding>;
  /** Builds `table` from `selectSql` under a temporary name, then swaps it in; readers never see a half-built table. */
  replaceTable(table: string, selectSql: string, options?: ReplaceOptions): Promise<void>;
  /** Creates or replaces `view` (or a table of that name) as a view of `selectSql`, atomically like `replaceTable`. */
  replaceView(view: string, selectSql: string): Promise<void>;
  tableExists(table: string): Promise<boolean>;
  /** Column names of a table in declaration order. */
  columns(table: string): Promise<string[]>;
  close(): Promise<void>;
}
