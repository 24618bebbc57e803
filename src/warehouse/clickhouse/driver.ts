import type { EncodedRows, Row } from '../types.js';

/**
 * How SQL reaches a ClickHouse engine. The warehouse speaks ClickHouse SQL; a driver only moves
 * text and rows: over HTTP to a server, or in-process to an embedded engine (chdb in tests).
 */
export interface ClickHouseDriver {
  /** Runs a statement that returns nothing. */
  command(sql: string): Promise<void>;
  /** Runs a SELECT and returns its rows as parsed JSONEachRow, 64-bit integers unquoted. */
  select(sql: string): Promise<Row[]>;
  /** Appends rows (already converted to ClickHouse JSON input) to a table. */
  insertJsonRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  /**
   * Appends rows given as TabSeparated text or its UTF-8 bytes (each element one or more lines),
   * fields in the order of `columns`, sent as they are.
   */
  insertTsvLines(table: string, columns: readonly string[], lines: readonly EncodedRows[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every driver applies so that both old (18.16) and current servers answer alike. Input
 * fields a table lacks are skipped, as DuckDB's loader does: a warehouse created by an older version
 * (before a landing column was added) keeps loading, without the new column.
 */
export const FORMAT_SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  input_format_skip_unknown_fields: 1,
} as const;
