import { tsvRowEncoder } from './clickhouse/tsv-rows.js';
import type { RowEncoding } from './types.js';

/** One row as a line of the encoding `Warehouse.appendNew` takes for its table. */
export type RowEncoder = (row: object) => string;

export const NDJSON: RowEncoding = Object.freeze({ format: 'ndjson' });

export function rowEncoder(encoding: RowEncoding): RowEncoder {
  return encoding.format === 'tsv' ? tsvRowEncoder(encoding.columns) : (row) => JSON.stringify(row);
}
