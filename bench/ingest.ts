import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { webhookLines } from '../test/ingest/webhook-fixtures.js';
import { ingest } from '../src/ingest/run.js';
import { source as whatsapp } from '../src/ingest/whatsapp/index.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { initWarehouse } from '../src/warehouse/init.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { withClickHouse } from './clickhouse.js';
import { exportClickHouse, exportDuckDB, flattenedFiles } from './flattened.js';
import { median, medianOfRuns, removeDuckDBFile, round, type BenchOptions, type BenchResult } from './measure.js';

export const WORKDIR = join(process.cwd(), 'bench', 'tmp');

/** The webhook NDJSON file of `messages` messages, generated once and reused. */
async function webhookFile(messages: number): Promise<string> {
  mkdirSync(WORKDIR, { recursive: true });
  const file = join(WORKDIR, `webhooks-${messages}.ndjson`);
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  for (const line of webhookLines(messages)) {
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(`${file}.part`, file);
  return file;
}

interface IngestRun {
  seconds: number;
  appendSeconds: number;
  cpuSeconds: number;
}

/** One ingest of the whole file into an empty warehouse, through the public ingest path. */
async function ingestOnce(warehouse: Warehouse, file: string, messages: number, workers: number): Promise<IngestRun> {
  // Time inside the warehouse's appends: near the wall-clock total means the engine is the bottleneck.
  let appendMs = 0;
  const append = warehouse.appendNew.bind(warehouse);
  warehouse.appendNew = async (...args) => {
    const started = performance.now();
    try {
      return await append(...args);
    } finally {
      appendMs += performance.now() - started;
    }
  };
  await initWarehouse(warehouse);
  const cpu = process.cpuUsage();
  const summary = await ingest(warehouse, whatsapp, [file], {
    context: { defaultRegion: 'HK', timezone: 'Asia/Hong_Kong', businessSenderNames: [], ingestedAtMs: Date.now(), maxRecordBytes: 4 * 1024 * 1024 },
    workers,
    progress: 'off',
  });
  const loaded = summary.tables.raw_messages?.loaded ?? 0;
  if (loaded !== messages) throw new Error(`expected ${messages} messages loaded, got ${loaded} (${JSON.stringify(summary.rejectReasons)})`);
  const used = process.cpuUsage(cpu);
  return { seconds: summary.elapsedMs / 1000, appendSeconds: appendMs / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function result(engine: string, file: string, options: BenchOptions, runs: IngestRun[], workers: number, loadBefore: number): BenchResult {
  const rates = runs.map((run) => Math.round(options.messages / run.seconds));
  const cpu = median(runs.map((run) => run.cpuSeconds));
  return {
    name: 'ingest_webhooks',
    engine,
    metric: 'messages_per_second',
    ...medianOfRuns(rates, Math.round),
    details: {
      messages: options.messages,
      seconds: runs.map((run) => round(run.seconds, 2)),
      append_seconds: runs.map((run) => round(run.appendSeconds)),
      // This process's CPU (main thread, parse workers, DuckDB's threads; not the ClickHouse
      // server): on a shared machine CPU per message says more about the code than wall time.
      process_cpu_us_per_message: Math.round((cpu * 1e6) / options.messages),
      workers,
      file_mb: Math.round(statSync(file).size / 1e6),
      load_average_before: round(loadBefore, 2),
      load_average_after: round(loadavg()[0], 2),
    },
  };
}

/**
 * Webhook ingest (parse, enrich, dedup, load) into a fresh DuckDB file per run; after the runs
 * the landed rows are exported as the flattened NDJSON the ceiling stage loads.
 */
export async function benchIngestDuckDB(options: BenchOptions): Promise<BenchResult[]> {
  const file = await webhookFile(options.messages);
  const workers = availableParallelism();
  const loadBefore = loadavg()[0];
  const path = join(tmpdir(), `scrm-bench-ingest-${process.pid}.duckdb`);
  const runs: IngestRun[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      await removeDuckDBFile(path);
      const warehouse = await DuckDBWarehouse.open({ path });
      try {
        runs.push(await ingestOnce(warehouse, file, options.messages, workers));
        if (run === options.runs - 1) await exportDuckDB(warehouse, flattenedFiles(WORKDIR, 'duckdb', options.messages));
      } finally {
        await warehouse.close();
      }
    }
  } finally {
    await removeDuckDBFile(path);
  }
  return [result('duckdb', file, options, runs, workers, loadBefore)];
}

/** The same into a fresh database of the bench's ClickHouse server per run, exported likewise. */
export async function benchIngestClickHouse(options: BenchOptions): Promise<BenchResult[]> {
  const file = await webhookFile(options.messages);
  const workers = availableParallelism();
  const loadBefore = loadavg()[0];
  return withClickHouse(async (clickhouse) => {
    const runs: IngestRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      const warehouse = await clickhouse.freshWarehouse();
      try {
        runs.push(await ingestOnce(warehouse, file, options.messages, workers));
        if (run === options.runs - 1) await exportClickHouse(clickhouse, flattenedFiles(WORKDIR, 'clickhouse', options.messages));
      } finally {
        await warehouse.close();
      }
    }
    const measured = result('clickhouse', file, options, runs, workers, loadBefore);
    measured.details.server_peak_rss_mb = clickhouse.peakRssMb();
    return [measured];
  });
}
