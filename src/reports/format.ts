import type { ValueFormat } from './definition.js';
import type { CellValue } from './collect.js';

/** How each format reads in a cell, the unit shown beside a label, and the Excel number format. */
const EXCEL_FORMATS: Record<ValueFormat, string | null> = {
  integer: '#,##0',
  number: '#,##0.00',
  percent: '0.0%',
  // Seconds are stored as a fraction of a day so Excel shows (and sums) them as minutes:seconds.
  duration: '[m]:ss',
  days: '0.0',
  money: '#,##0.00',
  money4: '#,##0.0000',
  date: 'yyyy-mm-dd',
  text: null,
  flag: null,
  list: null,
};

export const CHANGE_EXCEL_FORMAT = '+0.0%;-0.0%;0.0%';

export function excelNumberFormat(format: ValueFormat): string | null {
  return EXCEL_FORMATS[format];
}

/** The unit a label carries so a reader knows what "2:45" means. */
export function unitSuffix(format: ValueFormat): string {
  return format === 'duration' ? ' (min:s)' : format === 'days' ? ' (days)' : '';
}

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INTEGER = grouped(0);
const TWO = grouped(2);
const FOUR = grouped(4);

/** The text a reader sees for a value, matching the Excel number format above. */
export function formatValue(value: CellValue, format: ValueFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'integer':
      return INTEGER.format(value as number);
    case 'number':
    case 'money':
      return TWO.format(value as number);
    case 'money4':
      return FOUR.format(value as number);
    case 'percent':
      return `${((value as number) * 100).toFixed(1)} %`;
    case 'duration':
      return minutesSeconds(value as number);
    case 'days':
      return (value as number).toFixed(1);
    case 'flag':
      return value ? 'yes' : 'no';
    case 'list':
      return (value as string[]).join('; ');
    default:
      return String(value);
  }
}

export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const percent = (change * 100).toFixed(1);
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${percent.replace('-', '')} %`;
}

/** Excel cell value for a formatted value (seconds become days, dates become Dates). */
export function excelValue(value: CellValue, format: ValueFormat): number | string | boolean | Date | null {
  if (value === null) return null;
  switch (format) {
    case 'duration':
      return (value as number) / 86400;
    case 'date':
      return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
    case 'list':
      return (value as string[]).join('; ');
    default:
      return value as number | string | boolean;
  }
}

function minutesSeconds(seconds: number): string {
  const total = Math.round(seconds);
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
