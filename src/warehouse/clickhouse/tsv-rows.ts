import type { RowEncoder } from '../row-encoding.js';
import type { EncodedColumn } from '../types.js';

/**
 * Rows as ClickHouse TabSeparated input: fields in column order separated by tabs, `\N` for NULL,
 * backslash escapes in strings, arrays as `['a','b']`. Only what the reader needs is escaped: a
 * backslash, tab, line feed and carriage return (and the quote inside array items); every other
 * character goes as it is, as it does in JSON.
 */
const FIELD_SPECIAL = /[\\\t\n\r]/;
const FIELD_SPECIALS = /[\\\t\n\r]/g;
const ITEM_SPECIAL = /[\\\t\n\r']/;
const ITEM_SPECIALS = /[\\\t\n\r']/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', "'": "\\'" };
const escape = (ch: string) => ESCAPES[ch];
const NULL = '\\N';

/** The encoder of one table's rows, given the columns (and their order) the INSERT names. */
export function tsvRowEncoder(columns: readonly EncodedColumn[]): RowEncoder {
  const names = columns.map((column) => column.name);
  // A key absent from the row gets the column's default, as JSONEachRow gives it.
  const absent = columns.map((column) => defaultField(column.type));
  return (row) => {
    const values = row as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < names.length; i++) {
      if (i > 0) line += '\t';
      const value = values[names[i]];
      line += value === undefined ? absent[i] : field(value);
    }
    return line;
  };
}

function field(value: unknown): string {
  if (typeof value === 'string') return FIELD_SPECIAL.test(value) ? value.replace(FIELD_SPECIALS, escape) : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : NULL;
  if (value === null) return NULL;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return array(value);
  if (typeof value === 'bigint') return value.toString();
  const text = JSON.stringify(value);
  return text === undefined ? NULL : field(text);
}

function array(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) text += ',';
    const item = items[i];
    if (typeof item === 'number' || typeof item === 'bigint') text += String(item);
    else if (item === null || item === undefined) text += 'NULL';
    else {
      const s = String(item);
      text += `'${ITEM_SPECIAL.test(s) ? s.replace(ITEM_SPECIALS, escape) : s}'`;
    }
  }
  return text + ']';
}

function defaultField(type: string): string {
  if (type.startsWith('Nullable(')) return NULL;
  if (type.startsWith('Array(')) return '[]';
  if (type === 'String' || type.startsWith('FixedString(')) return '';
  return '0';
}
