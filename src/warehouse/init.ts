import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { defineStage, NO_OPTIONS } from '../pipelines/stage.js';
import type { Warehouse } from './types.js';

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
  tables: string[];
}

/** Creates the landing tables for the warehouse's engine; safe to run again. */
export async function initWarehouse(warehouse: Warehouse): Promise<InitSummary> {
  await warehouse.execScript(readFileSync(projectPath('sql', warehouse.engine, 'landing.sql'), 'utf8'));
  return { engine: warehouse.engine, tables: [...LANDING_TABLES] };
}

export const initStage = defineStage({
  name: 'init',
  description: 'create the landing tables (safe to run again)',
  options: NO_OPTIONS,
  async run({ warehouse }) {
    const summary = await initWarehouse(warehouse);
    return { rowsIn: 0, rowsOut: 0, rowsRejected: 0, detail: { tables: summary.tables } };
  },
});
