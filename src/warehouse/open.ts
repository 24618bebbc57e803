import type { Config } from '../config/schema.js';
import { ClickHouseHttpDriver } from './clickhouse/http-driver.js';
import { ClickHouseWarehouse } from './clickhouse/warehouse.js';
import { DuckDBWarehouse } from './duckdb.js';
import type { Warehouse } from './types.js';

/** Opens the engine the configuration names. */
export async function openWarehouse(config: Config): Promise<Warehouse> {
  if (config.engine === 'clickhouse') {
    const { url, user, password, database } = config.clickhouse;
    return new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user, password, database }));
  }
  return DuckDBWarehouse.open({ path: config.duckdb.path, threads: config.duckdb.threads });
}
