import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../src/config/schema.js';
import { runTransform } from '../src/transform/run.js';
import { ClickHouseHttpDriver } from '../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../src/warehouse/clickhouse/warehouse.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { initWarehouse } from '../src/warehouse/init.js';
import { splitScript } from '../src/warehouse/script.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { startClickHouse } from '../src/warehouse/clickhouse/local-server.js';
import { generateLanding } from '../test/models/generate.js';
import type { BenchResult } from './run.js';


/** Message counts to measure (SCRM_BENCH_MODEL_MESSAGES=1000000,10000000 by default). */
const SCALES = (process.env.SCRM_BENCH_MODEL_MESSAGES ?? '1000000,10000000').split(',').map(Number);
/** Customers generated in TypeScript; larger scales are copies of them made in SQL. */
const BASE_CUSTOMERS = Number(process.env.SCRM_BENCH_MODEL_BASE_CUSTOMERS ?? 20_000);
const BATCH_CUSTOMERS = 2_000;
/** The generated data spans eight weeks; copies are spread over a year, eight weeks apart. */
const EIGHT_WEEKS_MS = 8 * 7 * 86_400_000;

async function count(warehouse: Warehouse, table: string): Promise<number> {
  const [{ n }] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(n);
}

/**
 * Fills the landing tables with about `messages` messages: the generated base, then SQL copies of
 * it with other ids and phones (so identity resolution, turns and conversations see more
 * customers, not longer histories).
 */
async function load(warehouse: Warehouse, messages: number): Promise<number> {
  await initWarehouse(warehouse);
  for (let first = 0; first < BASE_CUSTOMERS; first += BATCH_CUSTOMERS) {
    await generateLanding(11, Math.min(BATCH_CUSTOMERS, BASE_CUSTOMERS - first), first).load(warehouse);
  }
  const base = await count(warehouse, 'raw_messages');
  const copies = Math.max(1, Math.round(messages / base));
  const statements = splitScript(readFileSync(new URL('./sql/replicate.sql', import.meta.url), 'utf8'));
  for (let copy = 1; copy < copies; copy++) {
    for (const statement of statements) await warehouse.exec(statement, { suffix: String(copy), shift: (copy % 6) * EIGHT_WEEKS_MS });
  }
  return count(warehouse, 'raw_messages');
}

async function measure(engine: string, target: number, open: () => Promise<Warehouse>): Promise<BenchResult> {
  const warehouse = await open();
  try {
    const messages = await load(warehouse, target);
    const statuses = await count(warehouse, 'raw_statuses');
    const loadBefore = loadavg()[0];
    const cpuBefore = process.cpuUsage();
    const summary = await runTransform(warehouse, configSchema.parse({}));
    const cpu = process.cpuUsage(cpuBefore);
    const slowest = [...summary.built].sort((a, b) => b.ms - a.ms).slice(0, 8);
    return {
      name: `models_dag_${target >= 1e6 ? `${target / 1e6}m` : target}`,
      engine,
      metric: 'seconds',
      value: Math.round(summary.ms / 100) / 10,
      details: {
        messages,
        statuses,
        models: summary.built.length,
        target_seconds: 60,
        slowest: Object.fromEntries(slowest.map((model) => [model.name, model.ms])),
        // DuckDB runs inside this process; for ClickHouse this is only the client's share.
        process_cpu_seconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
        cores: availableParallelism(),
        load_average_before: Math.round(loadBefore * 100) / 100,
        load_average_after: Math.round(loadavg()[0] * 100) / 100,
      },
    };
  } finally {
    await warehouse.close();
  }
}

/** The full model DAG (every staging, intermediate and mart model) on DuckDB and a ClickHouse server. */
export async function benchModels(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const target of SCALES) {
    const file = join(tmpdir(), `scrm-bench-models-${process.pid}.duckdb`);
    try {
      results.push(await measure('duckdb', target, () => DuckDBWarehouse.open({ path: file })));
    } finally {
      await rm(file, { force: true });
      await rm(`${file}.wal`, { force: true });
    }
    const server = await startClickHouse();
    try {
      const admin = new ClickHouseHttpDriver({ url: server.url, user: 'default', password: '', database: 'default' });
      await admin.command('CREATE DATABASE IF NOT EXISTS bench_models');
      await admin.close();
      results.push(
        await measure('clickhouse', target, async () =>
          new ClickHouseWarehouse(new ClickHouseHttpDriver({ url: server.url, user: 'default', password: '', database: 'bench_models' })),
        ),
      );
    } finally {
      await server.stop();
    }
  }
  return results;
}
