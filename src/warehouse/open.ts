import { existsSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import { ClickHouseHttpDriver } from './clickhouse/http-driver.js';
import { ClickHouseWarehouse } from './clickhouse/warehouse.js';
import { DuckDBWarehouse } from './duckdb.js';
import { WarehouseBusyError, WarehouseUnavailableError } from './errors.js';
import { assertIdentifier } from './identifiers.js';
import type { Warehouse } from './types.js';

export interface OpenOptions {
  /** Create the DuckDB file when it is missing. Only `scrm init` does: anywhere else a missing file is a mistake. */
  create?: boolean;
}

const DUCKDB_LOCK_CONFLICT = /Could not set lock on file .*Conflicting lock is held in .*\(PID (\d+)\)/s;

/**
 * In cluster mode an INSERT through a Distributed table returns only once every shard has its rows,
 * so a finished ingest is visible to the next stage and a shard failure fails the ingest.
 */
const CLUSTER_SETTINGS = { insert_distributed_sync: 1 };

/** Opens the engine the configuration names. */
export async function openWarehouse(config: Config, options: OpenOptions = {}): Promise<Warehouse> {
  if (config.engine === 'clickhouse') {
    const { url, user, password, database, cluster, concurrent_statements: concurrentStatements, max_threads: maxThreads } = config.clickhouse;
    const settings = { ...(cluster ? CLUSTER_SETTINGS : {}), ...(maxThreads ? { max_threads: maxThreads } : {}) };
    return new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user, password, database, settings }), { concurrentStatements });
  }
  const { path, threads, memory_limit: memoryLimit } = config.duckdb;
  if (!options.create && path !== ':memory:' && !existsSync(path)) {
    throw new WarehouseUnavailableError(
      `no DuckDB warehouse at ${path}: run \`scrm init\` to create it (or point --warehouse or SCRM_WAREHOUSE at an existing file)`,
    );
  }
  try {
    return await DuckDBWarehouse.open({ path, threads, memoryLimit });
  } catch (error) {
    const conflict = DUCKDB_LOCK_CONFLICT.exec((error as Error).message);
    if (!conflict) throw error;
    throw new WarehouseBusyError(`the DuckDB warehouse ${path} is in use by another process (PID ${conflict[1]}); DuckDB allows one writer per file`);
  }
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
