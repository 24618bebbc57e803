import { assertIdentifier } from '../warehouse/identifiers.js';
import type { InsertRow, Warehouse } from '../warehouse/types.js';

/** Column types of tables written from TypeScript, named as ClickHouse names them. */
export type ColumnType = 'String' | 'Int64' | 'Float64' | 'Array(String)' | 'Nullable(String)' | 'Nullable(Int64)' | 'Nullable(Float64)';

export interface TableColumn {
  name: string;
  type: ColumnType;
}

const DUCKDB_TYPES: Record<string, string> = { String: 'VARCHAR', Int64: 'BIGINT', Float64: 'DOUBLE', 'Array(String)': 'VARCHAR[]' };

function duckdbType(type: ColumnType): string {
  const inner = /^Nullable\((.*)\)$/.exec(type)?.[1] ?? type;
  return `${DUCKDB_TYPES[inner]}${inner === type ? ' NOT NULL' : ''}`;
}

/**
 * Writes rows computed in TypeScript as a table, atomically: the rows land in a load table first,
 * then `replaceTable` swaps them in, so readers see the old table or the complete new one.
 */
export async function writeTable(
  warehouse: Warehouse,
  table: string,
  columns: readonly TableColumn[],
  rows: readonly InsertRow[],
  orderBy?: readonly string[],
): Promise<void> {
  const load = `${assertIdentifier(table)}__load`;
  const definitions = columns.map(
    (column) => `${assertIdentifier(column.name)} ${warehouse.engine === 'clickhouse' ? column.type : duckdbType(column.type)}`,
  );
  const engineClause = warehouse.engine === 'clickhouse' ? ' ENGINE = MergeTree ORDER BY tuple()' : '';
  await warehouse.exec(`DROP TABLE IF EXISTS ${load}`);
  await warehouse.exec(`CREATE TABLE ${load} (${definitions.join(', ')})${engineClause}`);
  try {
    await warehouse.insert(load, rows);
    await warehouse.replaceTable(table, `SELECT ${columns.map((column) => column.name).join(', ')} FROM ${load}`, { orderBy });
  } finally {
    await warehouse.exec(`DROP TABLE IF EXISTS ${load}`);
  }
}
