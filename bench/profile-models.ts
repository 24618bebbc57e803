import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTransform } from '../src/transform/run.js';
import { ClickHouseHttpDriver } from '../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../src/warehouse/clickhouse/warehouse.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { withClickHouse } from './clickhouse.js';
import { processCpu, removeDuckDBFile, round } from './measure.js';
import { BENCH_CONFIG, BENCH_MEMORY_LIMIT, loadLanding } from './models.js';
import { renderProfile, type EngineProfile, type ModelProfile } from './profile-readme.js';

/**
 * `npm run bench:profile -- [--messages 200000,400000] [--engines duckdb,clickhouse]`: where the
 * model DAG's time goes. Builds the DAG once per size and engine over the bench's landing data and
 * records, per model, its wall time and the CPU the engine spent on it: DuckDB runs in this process
 * (process.cpuUsage), the ClickHouse server is read from /proc. CPU time does not stretch when
 * other work shares the machine, so it shows where the time goes even when wall times are noisy;
 * two sizes show whether it grows linearly. ClickHouse also reports each model query's peak
 * memory (system.query_log). Writes bench/results/<date>-model-profile.json and bench/PROFILE.md.
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000,400000' },
    engines: { type: 'string', default: 'duckdb,clickhouse' },
  },
});
const sizes = values.messages.split(',').map((text) => {
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1) throw new Error(`--messages takes positive integers, got ${text}`);
  return size;
});
const engines = values.engines.split(',');
for (const engine of engines) if (engine !== 'duckdb' && engine !== 'clickhouse') throw new Error(`--engines takes duckdb and/or clickhouse, got ${engine}`);

/** The server keeps a query log only when its config names the table; flushed often so a run's entries are there at its end. */
const QUERY_LOG_CONFIG = '<query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>';
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One DAG build, with the CPU counter read between models. */
async function profileDag(warehouse: Warehouse, cpuMs: () => number): Promise<{ wallMs: number; models: ModelProfile[] }> {
  const models: ModelProfile[] = [];
  let before = cpuMs();
  const summary = await runTransform(warehouse, BENCH_CONFIG, {
    onStart: () => (before = cpuMs()),
    onBuilt: (model) => {
      const now = cpuMs();
      models.push({ name: model.name, layer: model.layer, rows: model.rows, wall_ms: model.ms, cpu_ms: Math.round(now - before) });
      before = now;
    },
  });
  return { wallMs: summary.ms, models };
}

async function profileDuckDB(messages: number): Promise<EngineProfile> {
  const path = join(tmpdir(), `scrm-bench-profile-${process.pid}.duckdb`);
  const warehouse = await DuckDBWarehouse.open({ path, memoryLimit: BENCH_MEMORY_LIMIT });
  try {
    const loaded = await loadLanding(warehouse, messages);
    const loadBefore = loadavg()[0];
    const { wallMs, models } = await profileDag(warehouse, ownCpuMs);
    return { engine: 'duckdb', messages: loaded, wall_ms: wallMs, load_average: round((loadBefore + loadavg()[0]) / 2, 2), models };
  } finally {
    await warehouse.close();
    await removeDuckDBFile(path);
  }
}

/** Peak memory of each model's build query, by model name (the runner builds `<model>__building`). */
async function queryPeakMb(warehouse: Warehouse): Promise<Map<string, number>> {
  await warehouse.exec('SYSTEM FLUSH LOGS');
  const rows = await warehouse.query<{ model: string; peak: number }>(
    `SELECT extract(query, 'CREATE TABLE ([A-Za-z0-9_]+)__building') AS model, max(memory_usage) AS peak
     FROM system.query_log
     WHERE type = 2 AND query LIKE 'CREATE TABLE %__building%'
     GROUP BY model`,
  );
  return new Map(rows.map((row) => [row.model, round(Number(row.peak) / 1048576)]));
}

async function profileClickHouse(messages: number): Promise<EngineProfile> {
  return withClickHouse(async (clickhouse) => {
    // A fresh database as every bench gets, read through a warehouse of our own that logs its queries.
    await (await clickhouse.freshWarehouse()).close();
    const database = clickhouse.database();
    const warehouse = new ClickHouseWarehouse(
      new ClickHouseHttpDriver({ url: clickhouse.server.url, user: 'default', password: '', database, settings: { log_queries: 1 } }),
    );
    try {
      const loaded = await loadLanding(warehouse, messages);
      const loadBefore = loadavg()[0];
      const { wallMs, models } = await profileDag(warehouse, () => processCpu(clickhouse.server.pid).own * 1000);
      const peaks = await queryPeakMb(warehouse);
      for (const model of models) model.peak_mb = peaks.get(model.name);
      return { engine: 'clickhouse', messages: loaded, wall_ms: wallMs, load_average: round((loadBefore + loadavg()[0]) / 2, 2), models };
    } finally {
      await warehouse.close();
    }
  }, { extraConfig: QUERY_LOG_CONFIG });
}

const profiles: EngineProfile[] = [];
for (const engine of engines) {
  for (const size of sizes) {
    console.log(`profile: ${engine}, ${size.toLocaleString('en')} messages`);
    const profile = engine === 'duckdb' ? await profileDuckDB(size) : await profileClickHouse(size);
    const cpu = profile.models.reduce((sum, model) => sum + model.cpu_ms, 0);
    console.log(`  ${profile.messages.toLocaleString('en')} messages: ${round(profile.wall_ms / 1000)} s wall, ${round(cpu / 1000)} s CPU, load ${profile.load_average}`);
    profiles.push(profile);
  }
}
const report = { at: new Date().toISOString(), cores: availableParallelism(), profiles };
const dir = join('bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${report.at.slice(0, 10)}-model-profile.json`), JSON.stringify(report, null, 2) + '\n');
writeFileSync(join('bench', 'PROFILE.md'), renderProfile(report));
console.log('written: bench/results and bench/PROFILE.md');
// Native handles (DuckDB) may keep the event loop alive once everything is closed.
process.exit(0);
