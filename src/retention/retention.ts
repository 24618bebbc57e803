import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { splitScript } from '../warehouse/script.js';
import { renderEngineSql, type Topology } from '../warehouse/sql-template.js';
import type { Warehouse } from '../warehouse/types.js';
import { clickhouseVersionAtLeast } from '../warehouse/clickhouse/version.js';

/** The landing tables that hold timed events and so fall under retention. */
export const RETAINED_TABLES = ['raw_messages', 'raw_statuses', 'raw_clicks'] as const;

const DAY_MS = 86_400_000;
const MUTATION_TIMEOUT_MS = 300_000;

export interface RetentionOptions {
  retentionDays: number;
  /** The clock, for tests and reruns of a past day; defaults to now. */
  nowMs?: number;
  topology?: Topology;
}

export interface RetentionSummary {
  engine: Warehouse['engine'];
  retentionDays: number;
  cutoffMs: number;
  removed: Record<(typeof RETAINED_TABLES)[number], number>;
  /** Whether the server also expires rows by itself (ClickHouse table TTL, 19.6 and later). */
  ttl: boolean;
}

/** Removes raw events older than the retention window; marts are left as they are. */
export async function applyRetention(warehouse: Warehouse, options: RetentionOptions): Promise<RetentionSummary> {
  const cutoffMs = (options.nowMs ?? Date.now()) - options.retentionDays * DAY_MS;
  const removed = {} as RetentionSummary['removed'];
  for (const table of RETAINED_TABLES) removed[table] = await countOlder(warehouse, table, cutoffMs);

  await runEngineScript(warehouse, 'retention.sql', options.topology, { cutoff_ms: cutoffMs });
  let ttl = false;
  if (warehouse.engine === 'clickhouse') {
    await waitUntilGone(warehouse, cutoffMs);
    ttl = await clickhouseVersionAtLeast(warehouse, 19, 6);
    if (ttl) await runEngineScript(warehouse, 'retention-ttl.sql', options.topology, { retention_days: options.retentionDays });
  }
  return { engine: warehouse.engine, retentionDays: options.retentionDays, cutoffMs, removed, ttl };
}

async function runEngineScript(warehouse: Warehouse, file: string, topology: Topology = {}, params: Record<string, number>) {
  const template = readFileSync(projectPath('sql', warehouse.engine, file), 'utf8');
  for (const statement of splitScript(renderEngineSql(template, topology))) await warehouse.exec(statement, params);
}

async function countOlder(warehouse: Warehouse, table: string, cutoffMs: number): Promise<number> {
  const [row] = await warehouse.query(`SELECT count(*) AS n FROM ${table} WHERE ts_ms < {cutoff_ms}`, { cutoff_ms: cutoffMs });
  return Number(row.n);
}

/** ClickHouse DELETE mutations run in the background (on every shard); wait until no old row is left. */
async function waitUntilGone(warehouse: Warehouse, cutoffMs: number): Promise<void> {
  const deadline = Date.now() + MUTATION_TIMEOUT_MS;
  for (const table of RETAINED_TABLES) {
    while ((await countOlder(warehouse, table, cutoffMs)) > 0) {
      if (Date.now() > deadline) throw new Error(`retention: old rows still in ${table} after ${MUTATION_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
