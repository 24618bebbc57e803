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

/** A moment as local wall-clock time in the configured zone: 2026-01-05 02:00:00. */
export function formatLocalTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}

/** 850 ms, 12.3 s, 4 m 05 s, 1 h 02 m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
