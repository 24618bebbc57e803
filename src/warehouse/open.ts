import type { Config } from '../config/schema.js';
import { ClickHouseHttpDriver } from './clickhouse/http-driver.js';
import { ClickHouseWarehouse } from './clickhouse/warehouse.js';
import { DuckDBWarehouse } from './duckdb.js';
import { assertIdentifier } from './identifiers.js';
import type { Warehouse } from './types.js';

/**
 * In cluster mode an INSERT through a Distributed table returns only once every shard has its rows,
 * so a finished ingest is visible to the next stage and a shard failure fails the ingest.
 */
const CLUSTER_SETTINGS = { insert_distributed_sync: 1 };

/** Opens the engine the configuration names. */
export async function openWarehouse(config: Config): Promise<Warehouse> {
  if (config.engine === 'clickhouse') {
    const { url, user, password, database, cluster } = config.clickhouse;
    const settings = cluster ? CLUSTER_SETTINGS : {};
    return new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user, password, database, settings }));
  }
  return DuckDBWarehouse.open({ path: config.duckdb.path, threads: config.duckdb.threads });
}

/** Creates the configured ClickHouse database (on every node in cluster mode); `scrm init` calls it first. */
export async function createClickHouseDatabase(config: Config): Promise<void> {
  const { url, user, password, database, cluster } = config.clickhouse;
  const admin = new ClickHouseHttpDriver({ url, user, password, database: 'default' });
  try {
    const onCluster = cluster ? ` ON CLUSTER ${assertIdentifier(cluster)}` : '';
    await admin.command(`CREATE DATABASE IF NOT EXISTS ${assertIdentifier(database)}${onCluster}`);
  } finally {
    await admin.close();
  }
}
