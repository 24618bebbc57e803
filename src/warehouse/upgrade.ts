import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { assertIdentifier, quoteIdentifier } from './identifiers.js';
import { renderEngineSql, renderSql, renderWithPrefix, type Topology } from './sql-template.js';
import type { Warehouse } from './types.js';

/** A column `scrm init` added to a landing table of an older warehouse. */
export interface AddedColumn {
  table: string;
  column: string;
  type: string;
  /** The *_ms column the existing rows' values were computed from, if any. */
  filled_from: string | null;
}

interface CatalogColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  /** DuckDB only: ClickHouse says Nullable in the type. */
  is_nullable?: boolean;
}

function upgradeSql(warehouse: Warehouse, file: string, context: Record<string, unknown> = {}): string {
  return renderSql(readFileSync(projectPath('sql', warehouse.engine, 'upgrade', file), 'utf8'), context);
}

async function columnsOf(warehouse: Warehouse, database: string): Promise<CatalogColumn[]> {
  return warehouse.query<CatalogColumn & Record<string, unknown>>(upgradeSql(warehouse, 'columns.sql'), { database });
}

/**
 * The current definition of `tables`, created in scratch space and read back: DuckDB's in an
 * attached in-memory catalog (the default one while it is open), ClickHouse's as tables with a
 * scratch prefix in the warehouse's own database (HTTP sessions keep no default database, and
 * creating one may not be allowed).
 */
async function expectedColumns(warehouse: Warehouse, templates: readonly string[], database: string, tables: readonly string[]): Promise<CatalogColumn[]> {
  const scratch = `scrm_expected_${randomBytes(4).toString('hex')}`;
  const context = { scratch, database: quoteIdentifier(database), tables };
  try {
    if (warehouse.engine === 'duckdb') {
      await warehouse.execScript(upgradeSql(warehouse, 'scratch-open.sql', context));
      for (const template of templates) await warehouse.execScript(renderEngineSql(template, {}));
      return await columnsOf(warehouse, scratch);
    }
    const prefix = `${scratch}__`;
    for (const template of templates) await warehouse.execScript(renderWithPrefix(template, database, prefix));
    return (await columnsOf(warehouse, database))
      .filter((column) => column.table_name.startsWith(prefix))
      .map((column) => ({ ...column, table_name: column.table_name.slice(prefix.length) }));
  } finally {
    await warehouse.execScript(upgradeSql(warehouse, 'scratch-close.sql', context));
  }
}

const key = (column: CatalogColumn) => `${column.table_name}.${column.column_name}`;

/**
 * Brings the landing tables of an older warehouse up to the current definition (`templates`, as
 * init ran them): the columns they lack are added, a timestamp partner filled from its *_ms column.
 * A column whose type differs is an error naming both types: changing it could lose data, so that
 * is left to the operator.
 */
export async function addMissingColumns(warehouse: Warehouse, templates: readonly string[], topology: Topology, tables: readonly string[]): Promise<AddedColumn[]> {
  const [{ name: database }] = await warehouse.query<{ name: string }>(upgradeSql(warehouse, 'current-database.sql'));
  const expected = (await expectedColumns(warehouse, templates, database, tables)).filter((column) => tables.includes(column.table_name));
  const actual = new Map((await columnsOf(warehouse, database)).map((column) => [key(column), column]));
  const expectedKeys = new Set(expected.map(key));
  const added: AddedColumn[] = [];
  for (const column of expected) {
    const present = actual.get(key(column));
    if (present && present.data_type !== column.data_type) {
      throw new Error(`landing table ${column.table_name}: column ${column.column_name} is ${present.data_type}, the current definition has ${column.data_type}; change it by hand (scrm init does not convert types)`);
    }
    if (present) continue;
    const partner = `${column.column_name}_ms`;
    const filledFrom = /^(TIMESTAMP|DateTime|Nullable\(DateTime)/.test(column.data_type) && expectedKeys.has(`${column.table_name}.${partner}`) ? partner : null;
    const addColumn = readFileSync(projectPath('sql', warehouse.engine, 'upgrade', 'add-column.sql'), 'utf8');
    await warehouse.execScript(renderEngineSql(addColumn, topology, addColumnValues(topology, column, filledFrom)));
    added.push({ table: column.table_name, column: column.column_name, type: column.data_type, filled_from: filledFrom });
  }
  return added;
}

/** The add-column file's values; its `every_shard` names the table, or every shard's local table in cluster mode. */
function addColumnValues({ cluster, database }: Topology, column: CatalogColumn, partnerMs: string | null): Record<string, unknown> {
  const table = assertIdentifier(column.table_name);
  return {
    table,
    column: assertIdentifier(column.column_name),
    type: column.data_type,
    partner_ms: partnerMs,
    not_null: column.is_nullable === false,
    // In cluster mode the Distributed table over the local ones needs the column too.
    distributed_table: cluster ? `${database}.${table} ON CLUSTER ${cluster}` : null,
  };
}
