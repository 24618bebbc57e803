import type { Warehouse } from '../../src/warehouse/types.js';

/** Column types a fixture table can have, mapped to each engine's type. */
export type FixtureType = 'date' | 'int' | 'float' | 'text' | 'ntext' | 'bool' | 'texts';

const TYPES: Record<FixtureType, { duckdb: string; clickhouse: string }> = {
  date: { duckdb: 'DATE', clickhouse: 'Date' },
  int: { duckdb: 'BIGINT', clickhouse: 'Int64' },
  float: { duckdb: 'DOUBLE', clickhouse: 'Nullable(Float64)' },
  text: { duckdb: 'VARCHAR', clickhouse: 'String' },
  ntext: { duckdb: 'VARCHAR', clickhouse: 'Nullable(String)' },
  bool: { duckdb: 'BOOLEAN', clickhouse: 'UInt8' },
  texts: { duckdb: 'VARCHAR[]', clickhouse: 'Array(String)' },
};

export type FixtureRow = Record<string, string | number | boolean | null | string[]>;

/**
 * Creates a table with the same columns on DuckDB or ClickHouse and fills it with literal rows
 * (dates as 'YYYY-MM-DD'), so report queries can be checked on every engine against known values.
 */
export async function createFixtureTable(warehouse: Warehouse, name: string, columns: Record<string, FixtureType>, rows: readonly FixtureRow[]): Promise<void> {
  const engine = warehouse.engine;
  const names = Object.keys(columns);
  const ddl = names.map((column) => `${column} ${TYPES[columns[column]][engine]}`).join(', ');
  await warehouse.exec(`CREATE TABLE ${name} (${ddl})${engine === 'clickhouse' ? ' ENGINE = Memory' : ''}`);
  if (rows.length === 0) return;
  const values = rows.map((row) => `(${names.map((column) => literal(row[column] ?? null, columns[column], engine)).join(', ')})`);
  await warehouse.exec(`INSERT INTO ${name} (${names.join(', ')}) VALUES ${values.join(', ')}`);
}

function literal(value: FixtureRow[string], type: FixtureType, engine: Warehouse['engine']): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, 'text', engine)).join(', ')}]`;
  if (typeof value === 'boolean') return engine === 'duckdb' ? String(value) : value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (/'|\\/.test(value)) throw new Error(`fixture text ${value} must not contain quotes or backslashes`);
  return type === 'date' ? `CAST('${value}' AS Date)` : `'${value}'`;
}
