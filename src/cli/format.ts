import { stringify } from 'csv-stringify/sync';
import type { Row } from '../warehouse/types.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/** Renders query rows for a terminal, a spreadsheet or a script. */
export function formatRows(rows: readonly Row[], format: OutputFormat, columns = rows.length ? Object.keys(rows[0]) : []): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const cells = rows.map((row) => columns.map((column) => cellText(row[column])));
  if (format === 'csv') return stringify([columns, ...cells]).trimEnd();
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
