import { readFileSync } from 'node:fs';
import nunjucks from 'nunjucks';
import { projectPath } from '../paths.js';
import { assertIdentifier } from './identifiers.js';
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

/** Where the landing tables live: one server, or a ClickHouse cluster with local tables per shard. */
export interface Topology {
  cluster?: string;
  database?: string;
}

export interface InitSummary {
  engine: Warehouse['engine'];
  cluster: string | null;
  tables: string[];
}

/** Creates the landing tables for the warehouse's engine and topology; safe to run again. */
export async function initWarehouse(warehouse: Warehouse, topology: Topology = {}): Promise<InitSummary> {
  const template = readFileSync(projectPath('sql', warehouse.engine, 'landing.sql'), 'utf8');
  await warehouse.execScript(renderLandingDdl(template, topology));
  return { engine: warehouse.engine, cluster: topology.cluster ?? null, tables: [...LANDING_TABLES] };
}

/**
 * Expands the two DDL macros of `sql/clickhouse/landing.sql` for a single server or a cluster.
 * Distributed DDL runs on each host in that host's default database, so cluster names are qualified.
 */
export function renderLandingDdl(template: string, { cluster, database }: Topology): string {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
  if (cluster) {
    assertIdentifier(cluster);
    if (!database) throw new Error('cluster mode needs the database name');
    assertIdentifier(database);
  }
  return env.renderString(template, {
    create_table: (name: string) =>
      cluster
        ? `CREATE TABLE IF NOT EXISTS ${database}.${assertIdentifier(name)}_local ON CLUSTER ${cluster}`
        : `CREATE TABLE IF NOT EXISTS ${assertIdentifier(name)}`,
    distributed: (name: string, shardingKey: string) =>
      cluster
        ? `CREATE TABLE IF NOT EXISTS ${database}.${name} ON CLUSTER ${cluster} AS ${database}.${name}_local ` +
          `ENGINE = Distributed(${cluster}, ${database}, ${name}_local, ${shardingKey});`
        : '',
  });
}
