import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { renderEngineSql, type Topology } from './sql-template.js';
import { defineStage, NO_OPTIONS } from '../pipelines/stage.js';
import type { Config } from '../config/schema.js';
import type { Warehouse } from './types.js';
import { clickhouseVersionAtLeast } from './clickhouse/version.js';
import { addMissingColumns, type AddedColumn } from './upgrade.js';

export const LANDING_TABLES = [
  'raw_messages',
  'raw_statuses',
  'raw_clicks',
  'raw_orders',
  'raw_order_items',
  'raw_customers',
  'ingest_rejects',
  'ingest_state',
  'pipeline_runs',
] as const;

export interface InitSummary {
  engine: Warehouse['engine'];
  cluster: string | null;
  tables: string[];
  /** Columns an older warehouse lacked, added to its landing tables. */
  added_columns: AddedColumn[];
}

/** Where the configured tables live: the ClickHouse cluster and database, or one node. */
export function topologyOf(config: Config, warehouse: Warehouse): Topology {
  return warehouse.engine === 'clickhouse' ? config.clickhouse : {};
}

/** Creates the landing tables for the warehouse's engine and topology, and adds the columns older ones lack; safe to run again. */
export async function initWarehouse(warehouse: Warehouse, topology: Topology = {}): Promise<InitSummary> {
  const templates = [readFileSync(projectPath('sql', warehouse.engine, 'landing.sql'), 'utf8')];
  if (warehouse.engine === 'clickhouse' && (await clickhouseVersionAtLeast(warehouse, 20, 1))) {
    templates.push(readFileSync(projectPath('sql', 'clickhouse', 'storage-current.sql'), 'utf8'));
  }
  for (const template of templates) await warehouse.execScript(renderEngineSql(template, topology));
  const added = await addMissingColumns(warehouse, templates, topology, LANDING_TABLES);
  return { engine: warehouse.engine, cluster: topology.cluster ?? null, tables: [...LANDING_TABLES], added_columns: added };
}

export const initStage = defineStage({
  name: 'init',
  description: 'create the landing tables (safe to run again)',
  options: NO_OPTIONS,
  async run({ warehouse, config }) {
    const summary = await initWarehouse(warehouse, topologyOf(config, warehouse));
    return { rowsIn: 0, rowsOut: 0, rowsRejected: 0, detail: { tables: summary.tables, added_columns: summary.added_columns } };
  },
});
