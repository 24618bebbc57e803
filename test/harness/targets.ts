import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ClickHouseHttpDriver } from '../../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../../src/warehouse/clickhouse/warehouse.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { ChdbDriver } from './chdb-driver.js';

export type TargetName = 'duckdb' | 'clickhouse-server' | 'chdb';

export interface Target {
  name: TargetName;
  /** A fresh, empty warehouse: an in-memory DuckDB, a new database on the test server, or a new chdb session. */
  open(): Promise<Warehouse>;
}

function uniqueDatabase(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** URL of the ClickHouse server started by the global setup. */
export function clickhouseUrl(): string {
  return inject('clickhouseUrl');
}

export async function openClickHouseServer(database = uniqueDatabase()): Promise<Warehouse> {
  const url = clickhouseUrl();
  const admin = new ClickHouseHttpDriver({ url, user: 'default', password: '', database: 'default' });
  await admin.command(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await admin.close();
  return new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user: 'default', password: '', database }));
}

export const TARGETS: readonly Target[] = [
  { name: 'duckdb', open: () => DuckDBWarehouse.open({ path: ':memory:' }) },
  { name: 'clickhouse-server', open: () => openClickHouseServer() },
  { name: 'chdb', open: async () => new ClickHouseWarehouse(new ChdbDriver(uniqueDatabase())) },
];
