import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startClickHouse } from '../src/warehouse/clickhouse/local-server.js';
import { webhookLines } from '../test/ingest/webhook-fixtures.js';
import { ingest } from '../src/ingest/run.js';
import { source as whatsapp } from '../src/ingest/whatsapp/index.js';
import { ClickHouseHttpDriver } from '../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../src/warehouse/clickhouse/warehouse.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { initWarehouse } from '../src/warehouse/init.js';
import type { Warehouse } from '../src/warehouse/types.js';
import type { BenchResult } from './run.js';

const MESSAGES = Number(process.env.SCRM_BENCH_MESSAGES ?? 1_000_000);
const WORKDIR = join(process.cwd(), 'bench', 'tmp');

/** A 1 M-message webhook NDJSON file, generated once and reused. */
async function webhookFile(): Promise<string> {
  mkdirSync(WORKDIR, { recursive: true });
  const file = join(WORKDIR, `webhooks-${MESSAGES}.ndjson`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  for (const line of webhookLines(MESSAGES)) {
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

async function measure(name: string, engine: string, file: string, open: () => Promise<Warehouse>, workers: number): Promise<BenchResult> {
  const warehouse = await open();
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
  try {
    await initWarehouse(warehouse);
    const load = loadavg()[0];
    const cpu = process.cpuUsage();
    const summary = await ingest(warehouse, whatsapp, [file], {
      context: { defaultRegion: 'HK', timezone: 'Asia/Hong_Kong', businessSenderNames: [], ingestedAtMs: Date.now(), maxRecordBytes: 4 * 1024 * 1024 },
      workers,
      progress: 'off',
    });
    const loaded = summary.tables.raw_messages?.loaded ?? 0;
    if (loaded !== MESSAGES) throw new Error(`${name}: expected ${MESSAGES} messages loaded, got ${loaded} (${JSON.stringify(summary.rejectReasons)})`);
    const seconds = summary.elapsedMs / 1000;
    const used = process.cpuUsage(cpu);
    // This process's CPU (main thread, parse workers, and DuckDB's threads; not the ClickHouse server):
    // with the machine shared, CPU per message says more about the code than wall-clock time does.
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      name,
      engine,
      metric: 'messages_per_second',
      value: Math.round(loaded / seconds),
      details: {
        messages: loaded,
        seconds,
        append_seconds: Math.round(appendMs / 100) / 10,
        process_cpu_seconds: Math.round(cpuSeconds * 10) / 10,
        process_cpu_us_per_message: Math.round((cpuSeconds * 1e6) / loaded),
        workers,
        file_mb: Math.round(statSync(file).size / 1e6),
        cores: availableParallelism(),
        max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        load_average_before: load,
        load_average_after: loadavg()[0],
      },
    };
  } finally {
    await warehouse.close();
  }
}

/** Webhook ingest throughput (parse, enrich, dedup, load) into DuckDB and a ClickHouse server. */
export async function benchIngest(): Promise<BenchResult[]> {
  const file = await webhookFile();
  const workers = Math.max(1, availableParallelism());
  const results: BenchResult[] = [];
  const duckdbFile = join(tmpdir(), `scrm-bench-${process.pid}.duckdb`);
  try {
    results.push(await measure('ingest_webhooks', 'duckdb', file, () => DuckDBWarehouse.open({ path: duckdbFile }), workers));
  } finally {
    await rm(duckdbFile, { force: true });
    await rm(`${duckdbFile}.wal`, { force: true });
  }
  const server = await startClickHouse();
  try {
    const admin = new ClickHouseHttpDriver({ url: server.url, user: 'default', password: '', database: 'default' });
    await admin.command('CREATE DATABASE IF NOT EXISTS bench');
    await admin.close();
    results.push(
      await measure('ingest_webhooks', 'clickhouse', file, async () => new ClickHouseWarehouse(new ClickHouseHttpDriver({ url: server.url, user: 'default', password: '', database: 'bench' })), workers),
    );
  } finally {
    await server.stop();
  }
  return results;
}
