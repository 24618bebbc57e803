import { clickhouseLiteral } from '../warehouse/clickhouse/literals.js';
import type { EngineName, SqlValue } from '../warehouse/types.js';

/**
 * A value written into model SQL as a literal. Config values reach templates this way (models are
 * whole statements handed to `replaceTable`, so there is nothing to bind parameters to).
 */
export function sqlLiteral(engine: EngineName, value: SqlValue): string {
  if (engine === 'clickhouse') return clickhouseLiteral(value);
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write non-finite number ${value} into SQL`);
    return Number.isInteger(value) ? value.toString() : value.toPrecision(17);
  }
  if (value instanceof Date) return `epoch_ms(${value.getTime()})`;
  return `[${value.map((item) => sqlLiteral(engine, item)).join(', ')}]`;
}
