import { assertIdentifier } from '../warehouse/identifiers.js';
import type { InsertRow, Warehouse } from '../warehouse/types.js';
import type { BuildContext, CodeModel, Layer } from './model.js';

/** Column types of tables written from TypeScript, named as ClickHouse names them. */
export type ColumnType = 'String' | 'Int64' | 'Float64' | 'Array(String)' | 'Nullable(String)' | 'Nullable(Int64)' | 'Nullable(Float64)';

/** Column names and types, in table order. */
export type TableColumns = Readonly<Record<string, ColumnType>>;

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
  columns: TableColumns,
  rows: readonly InsertRow[],
  orderBy?: readonly string[],
): Promise<void> {
  const load = `${assertIdentifier(table)}__load`;
  const definitions = Object.entries(columns).map(
    ([name, type]) => `${assertIdentifier(name)} ${warehouse.engine === 'clickhouse' ? type : duckdbType(type)}`,
  );
  const engineClause = warehouse.engine === 'clickhouse' ? ' ENGINE = MergeTree ORDER BY tuple()' : '';
  await warehouse.exec(`DROP TABLE IF EXISTS ${load}`);
  await warehouse.exec(`CREATE TABLE ${load} (${definitions.join(', ')})${engineClause}`);
  try {
    await warehouse.insert(load, rows);
    await warehouse.replaceTable(table, `SELECT ${Object.keys(columns).join(', ')} FROM ${load}`, { orderBy });
  } finally {
    await warehouse.exec(`DROP TABLE IF EXISTS ${load}`);
  }
}

/** A code model that computes rows in TypeScript and writes them as its table. */
export function tableModel(model: {
  name: string;
  kind: CodeModel['kind'];
  layer: Layer;
  refs: readonly string[];
  columns: TableColumns;
  rows(context: BuildContext): Promise<readonly InsertRow[]> | readonly InsertRow[];
}): CodeModel {
  return {
    name: model.name,
    kind: model.kind,
    layer: model.layer,
    refs: model.refs,
    build: async (context) => writeTable(context.warehouse, model.name, model.columns, await model.rows(context), context.orderBy),
  };
}
