import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type Config } from '../src/config/schema.js';
import { runTransform, type TransformSummary } from '../src/transform/run.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { initWarehouse } from '../src/warehouse/init.js';
import { splitScript } from '../src/warehouse/script.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { generateLanding } from '../test/models/generate.js';
import { withClickHouse } from './clickhouse.js';
import { median, medianOfRuns, removeDuckDBFile, round, type BenchOptions, type BenchResult } from './measure.js';

/** Customers generated in TypeScript; larger sizes are copies of them made in SQL. */
const BASE_CUSTOMERS = 20_000;
const BATCH_CUSTOMERS = 2_000;
/** The generated data spans eight weeks; copies are spread over a year, eight weeks apart. */
const EIGHT_WEEKS_MS = 8 * 7 * 86_400_000;
/** The marts the Postgres comparison computes, with every model upstream of them. */
export const KPI_SELECTION = ['+mart_service_daily', '+mart_keywords_weekly', '+mart_funnel'];

export const BENCH_CONFIG: Config = configSchema.parse({});
/** The bench caps DuckDB as a 2 GiB machine would (the RSS target); the product leaves it to DuckDB unless configured. */
export const BENCH_MEMORY_LIMIT = '1.5GB';

async function count(warehouse: Warehouse, table: string): Promise<number> {
  const [{ n }] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(n);
}

/**
 * Fills the landing tables with about `messages` messages: the generated base (up to 20 k
 * customers), then SQL copies of it with other ids and phones (so identity resolution, turns and
 * conversations see more customers, not longer histories), at least `minCopies` in all.
 */
export async function loadLanding(warehouse: Warehouse, messages: number, minCopies = 1): Promise<number> {
  await initWarehouse(warehouse);
  let base = 0;
  for (let first = 0; first < BASE_CUSTOMERS && base < messages; first += BATCH_CUSTOMERS) {
    await generateLanding(11, Math.min(BATCH_CUSTOMERS, BASE_CUSTOMERS - first), first).load(warehouse);
    base = await count(warehouse, 'raw_messages');
  }
  const copies = Math.max(minCopies, Math.round(messages / base));
  const statements = splitScript(readFileSync(new URL('./sql/replicate.sql', import.meta.url), 'utf8'));
  for (let copy = 1; copy < copies; copy++) {
    for (const statement of statements) await warehouse.exec(statement, { suffix: String(copy), shift: (copy % 6) * EIGHT_WEEKS_MS });
  }
  return count(warehouse, 'raw_messages');
}

/**
 * The full DAG `runs` times over the same landing data; after each, the KPI marts and their upstream
 * built on their own (timed as a run of their own: where models build side by side, the sum of their
 * times inside the full DAG would count the time they shared twice).
 */
async function measure(engine: Warehouse['engine'], warehouse: Warehouse, options: BenchOptions): Promise<BenchResult[]> {
  const messages = await loadLanding(warehouse, options.messages);
  const statuses = await count(warehouse, 'raw_statuses');
  const loadBefore = loadavg()[0];
  const summaries: TransformSummary[] = [];
  const kpiRuns: TransformSummary[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const before = process.cpuUsage();
    summaries.push(await runTransform(warehouse, BENCH_CONFIG));
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1e6);
    kpiRuns.push(await runTransform(warehouse, BENCH_CONFIG, { select: KPI_SELECTION }));
  }
  const dagSeconds = summaries.map((summary) => summary.ms / 1000);
  const perModel = Object.fromEntries(
    summaries[0].built
      .map((model) => [model.name, median(summaries.map((summary) => summary.built.find((built) => built.name === model.name)!.ms))] as const)
      .sort((a, b) => b[1] - a[1]),
  );
  const common = { messages, statuses, load_average_before: round(loadBefore, 2), load_average_after: round(loadavg()[0], 2) };
  return [
    {
      name: 'models_dag',
      engine,
      metric: 'seconds',
      ...medianOfRuns(dagSeconds, (s) => round(s)),
      details: {
        ...common,
        models: summaries[0].built.length,
        // DuckDB runs inside this process; for ClickHouse this is only the client's share.
        process_cpu_seconds: round(median(cpu)),
        model_ms: perModel,
      },
    },
    {
      name: 'models_kpi_marts',
      engine,
      metric: 'seconds',
      ...medianOfRuns(kpiRuns.map((summary) => summary.ms / 1000), (s) => round(s, 2)),
      // The models the KPI marts need: those the selection rebuilt.
      details: { ...common, models: kpiRuns[0].built.map((model) => model.name).sort(), selection: KPI_SELECTION },
    },
  ];
}

/** The full model DAG (every staging, intermediate and mart model) on a DuckDB file. */
export async function benchModelsDuckDB(options: BenchOptions): Promise<BenchResult[]> {
  const path = join(tmpdir(), `scrm-bench-models-${process.pid}.duckdb`);
  const warehouse = await DuckDBWarehouse.open({ path, memoryLimit: BENCH_MEMORY_LIMIT });
  try {
    return await measure('duckdb', warehouse, options);
  } finally {
    await warehouse.close();
    await removeDuckDBFile(path);
  }
}

/** The same on the bench's ClickHouse 18.16 server. */
export async function benchModelsClickHouse(options: BenchOptions): Promise<BenchResult[]> {
  return withClickHouse(async (clickhouse) => {
    const warehouse = await clickhouse.freshWarehouse();
    try {
      const results = await measure('clickhouse', warehouse, options);
      for (const result of results) result.details.server_peak_rss_mb = clickhouse.peakRssMb();
      return results;
    } finally {
      await warehouse.close();
    }
  });
}
