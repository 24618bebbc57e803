import type { Warehouse } from '../../src/warehouse/types.js';

/** Column kinds for fixture tables, spelled per engine, so one fixture loads into DuckDB and ClickHouse alike. */
export type ColumnKind = 'date' | 'int' | 'float' | 'text' | 'nullableText' | 'textArray';

const DUCKDB: Record<ColumnKind, string> = {
  date: 'DATE',
  int: 'BIGINT',
  float: 'DOUBLE',
  text: 'VARCHAR',
  nullableText: 'VARCHAR',
  textArray: 'VARCHAR[]',
};
const CLICKHOUSE: Record<ColumnKind, string> = {
  date: 'Date',
  int: 'Int64',
  float: 'Nullable(Float64)',
  text: 'String',
  nullableText: 'Nullable(String)',
  textArray: 'Array(String)',
};

/** Creates a table standing in for one another stage builds (a mart, a staging model, churn scores). */
export async function createFixtureTable(warehouse: Warehouse, table: string, columns: Record<string, ColumnKind>, orderBy: string): Promise<void> {
  const types = warehouse.engine === 'duckdb' ? DUCKDB : CLICKHOUSE;
  const body = Object.entries(columns)
    .map(([name, kind]) => `${name} ${types[kind]}`)
    .join(', ');
  const engine = warehouse.engine === 'duckdb' ? '' : ` ENGINE = MergeTree ORDER BY ${orderBy}`;
  await warehouse.exec(`CREATE TABLE ${table} (${body})${engine}`);
}
