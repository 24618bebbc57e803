import type { SqlValue } from '../types.js';

/**
 * ClickHouse 18.16 has no server-side query parameters, so values are escaped here, in one place,
 * following ClickHouse's string-literal rules (backslash escapes), never concatenated raw.
 */
export function clickhouseLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${escapeString(value)}'`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot bind non-finite number ${value}`);
    return Number.isInteger(value) ? value.toString() : value.toPrecision(17);
  }
  if (value instanceof Date) return `toDateTime(${Math.floor(value.getTime() / 1000)}, 'UTC')`;
  return `[${value.map(clickhouseLiteral).join(', ')}]`;
}

function escapeString(text: string): string {
  return text.replace(/[\\'\0\n\r\t]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\0':
        return '\\0';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return '\\t';
    }
  });
}
