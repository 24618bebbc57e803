import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { get, type IncomingMessage } from 'node:http';
import { sqlLiteral } from '../src/transform/literal.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { initWarehouse } from '../src/warehouse/init.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { withClickHouse, type BenchClickHouse } from './clickhouse.js';
import { WORKDIR } from './ingest.js';
import { medianOfRuns, removeDuckDBFile, round, timed, type BenchOptions, type BenchResult } from './measure.js';
import { benchStatements } from './sql.js';

/** Where the ingest bench leaves the messages one engine landed, as NDJSON. */
export interface FlattenedFiles {
  raw_messages: string;
}

export function flattenedFiles(dir: string, engine: string, messages: number): FlattenedFiles {
  return {
    raw_messages: join(dir, `flattened-${engine}-${messages}-messages.ndjson`),
  };
}

const TABLES = ['raw_messages'] as const;

function duckdbFiles(files: FlattenedFiles): Record<string, string> {
  return { messages_file: sqlLiteral('duckdb', files.raw_messages) };
}

export async function exportDuckDB(warehouse: Warehouse, files: FlattenedFiles): Promise<void> {
  for (const statement of benchStatements('sql/flattened-export.duckdb', duckdbFiles(files))) await warehouse.exec(statement);
}

/** ClickHouse over HTTP: one statement, with settings, the body streamed in or out. */
export function clickhouseUrl(clickhouse: BenchClickHouse, statement: string): string {
  const params = new URLSearchParams({ database: clickhouse.database(), query: statement, output_format_json_quote_64bit_integers: '0' });
  return `${clickhouse.server.url}/?${params}`;
}

export async function answered(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`ClickHouse answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return response;
}

export async function exportClickHouse(clickhouse: BenchClickHouse, files: FlattenedFiles): Promise<void> {
  for (const table of TABLES) {
    const [statement] = benchStatements('sql/flattened-export.clickhouse', { table });
    // node:http rather than fetch: undici took a minute to drain a 45 MB answer ClickHouse sent in 0.3 s.
    const response = await new Promise<IncomingMessage>((resolve, reject) => get(clickhouseUrl(clickhouse, statement), resolve).on('error', reject));
    if (response.statusCode !== 200) throw new Error(`ClickHouse answered ${response.statusCode} to ${statement}`);
    await pipeline(response, createWriteStream(files[table]));
  }
}

async function loadClickHouse(clickhouse: BenchClickHouse, files: FlattenedFiles): Promise<void> {
  for (const table of TABLES) {
    const [statement] = benchStatements('sql/flattened-load.clickhouse', { table });
    const body = Readable.toWeb(createReadStream(files[table])) as ReadableStream;
    await answered(await fetch(clickhouseUrl(clickhouse, statement), { method: 'POST', body, duplex: 'half' } as RequestInit));
  }
}

function ceilingResult(engine: string, options: BenchOptions, files: FlattenedFiles, seconds: number[], loadBefore: number): BenchResult {
  const rates = seconds.map((s) => Math.round(options.messages / s));
  return {
    name: 'ingest_ceiling',
    engine,
    metric: 'messages_per_second',
    ...medianOfRuns(rates, Math.round),
    details: {
      messages: options.messages,
      seconds: seconds.map((s) => round(s, 2)),
      flattened_mb: Math.round(statSync(files.raw_messages).size / 1e6),
      load_average_before: round(loadBefore, 2),
      load_average_after: round(loadavg()[0], 2),
    },
  };
}

/** DuckDB's own load of the flattened messages (`read_json`) into an empty landing table. */
export async function benchCeilingDuckDB(options: BenchOptions): Promise<BenchResult[]> {
  const files = flattenedFiles(WORKDIR, 'duckdb', options.messages);
  const loadBefore = loadavg()[0];
  const path = join(tmpdir(), `scrm-bench-ceiling-${process.pid}.duckdb`);
  const seconds: number[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      await removeDuckDBFile(path);
      const warehouse = await DuckDBWarehouse.open({ path });
      try {
        await initWarehouse(warehouse);
        const statements = benchStatements('sql/flattened-load.duckdb', duckdbFiles(files));
        seconds.push((await timed(async () => {
          for (const statement of statements) await warehouse.exec(statement);
        })).seconds);
        await expectRows(warehouse, options.messages);
      } finally {
        await warehouse.close();
      }
    }
  } finally {
    await removeDuckDBFile(path);
  }
  return [ceilingResult('duckdb', options, files, seconds, loadBefore)];
}

/** ClickHouse's own `INSERT … FORMAT JSONEachRow` of the flattened files streamed over HTTP. */
export async function benchCeilingClickHouse(options: BenchOptions): Promise<BenchResult[]> {
  const files = flattenedFiles(WORKDIR, 'clickhouse', options.messages);
  const loadBefore = loadavg()[0];
  return withClickHouse(async (clickhouse) => {
    const seconds: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const warehouse = await clickhouse.freshWarehouse();
      try {
        await initWarehouse(warehouse);
        seconds.push((await timed(() => loadClickHouse(clickhouse, files))).seconds);
        await expectRows(warehouse, options.messages);
      } finally {
        await warehouse.close();
      }
    }
    const measured = ceilingResult('clickhouse', options, files, seconds, loadBefore);
    measured.details.server_peak_rss_mb = clickhouse.peakRssMb();
    return [measured];
  });
}

async function expectRows(warehouse: Warehouse, messages: number): Promise<void> {
  const [{ n }] = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM raw_messages');
  if (Number(n) !== messages) throw new Error(`ceiling load: expected ${messages} messages, got ${n}`);
}
