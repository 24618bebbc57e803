import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sqlLiteral } from '../src/transform/literal.js';
import { runTransform } from '../src/transform/run.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Row } from '../src/warehouse/types.js';
import { median, medianOfRuns, round, timed, type BenchOptions, type BenchResult } from './measure.js';
import { BENCH_CONFIG, KPI_SELECTION, loadLanding } from './models.js';
import { benchStatements } from './sql.js';

const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const CONTENT_TYPES = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template'];
/** The three KPI queries, in the order of bench/sql/marts-kpi.duckdb.sql. */
const KPI_QUERIES = ['service-daily', 'keywords-weekly', 'funnel'] as const;
const FILES = ['messages', 'orders', 'contacts', 'keywords'] as const;

/** Rows as sorted lines of text, numbers compared within 1e-9 relative (floats may differ in the last bits). */
function canonical(rows: readonly Row[]): string[][] {
  return rows
    .map((row) => Object.values(row).map((value) => (typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) ? String(Number(value)) : String(value))))
    .sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
}

function sameNumbers(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/** Fails the bench when Postgres and our marts disagree: the comparison is only honest on equal answers. */
function assertSame(query: string, ours: readonly Row[], theirs: readonly Row[]): void {
  const a = canonical(ours);
  const b = canonical(theirs);
  if (a.length !== b.length) throw new Error(`${query}: marts have ${a.length} rows, Postgres ${b.length}`);
  a.forEach((row, i) => {
    if (row.length !== b[i].length || !row.every((value, j) => sameNumbers(value, b[i][j]))) {
      throw new Error(`${query}: row ${i} differs: marts ${JSON.stringify(row)}, Postgres ${JSON.stringify(b[i])}`);
    }
  });
  if (a.length === 0) throw new Error(`${query}: no rows to compare`);
}

/**
 * The baseline a Postgres-backed helpdesk represents: the same landing data as the models bench
 * (written by DuckDB as CSV, loaded with COPY, deduplicated and indexed), the three core KPI
 * queries timed `runs` times, and their answers checked against our marts built from that data.
 */
export async function benchPostgres(options: BenchOptions): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-bench-postgres-'));
  // The Postgres server reads the CSV files itself (COPY FROM a file).
  chmodSync(dir, 0o755);
  const path = join(dir, 'landing.duckdb');
  const files = Object.fromEntries(FILES.map((name) => [`${name}_file`, join(dir, `${name}.csv`)]));
  const client = new pg.Client(POSTGRES);
  await client.connect();
  try {
    const warehouse = await DuckDBWarehouse.open({ path });
    let marts: Row[][];
    let messages: number;
    try {
      messages = await loadLanding(warehouse, options.messages);
      await runTransform(warehouse, BENCH_CONFIG, { select: KPI_SELECTION });
      const literals = Object.fromEntries(Object.entries(files).map(([key, file]) => [key, sqlLiteral('duckdb', file)]));
      for (const statement of benchStatements('sql/postgres-export.duckdb', literals)) await warehouse.exec(statement);
      marts = [];
      for (const statement of benchStatements('sql/marts-kpi.duckdb')) marts.push(await warehouse.query(statement));
    } finally {
      await warehouse.close();
      await rm(path, { force: true });
    }
    const values = {
      ...Object.fromEntries(Object.entries(files).map(([key, file]) => [key, client.escapeLiteral(file)])),
      timezone: client.escapeLiteral(BENCH_CONFIG.timezone),
      content_types: CONTENT_TYPES.map((type) => client.escapeLiteral(type)).join(', '),
      paid_statuses: BENCH_CONFIG.metrics.paid_statuses.map((status) => client.escapeLiteral(status)).join(', '),
      window_ms: String(BENCH_CONFIG.conversion_window * 1000),
    };
    const load = await timed(async () => {
      for (const name of ['schema', 'load']) for (const statement of benchStatements(`postgres/${name}`, values)) await client.query(statement);
    });
    const loadBefore = loadavg()[0];
    const perQuery: Record<string, number[]> = Object.fromEntries(KPI_QUERIES.map((name) => [name, []]));
    const totals: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      let total = 0;
      for (const [i, name] of KPI_QUERIES.entries()) {
        const statements = benchStatements(`postgres/${name}`, values);
        let rows: Row[] = [];
        const { seconds } = await timed(async () => {
          for (const statement of statements) rows = (await client.query(statement)).rows as Row[];
        });
        if (run === 0) assertSame(name, marts[i], rows);
        perQuery[name].push(seconds);
        total += seconds;
      }
      totals.push(total);
    }
    const [{ server_version }] = (await client.query(benchStatements('postgres/server-version')[0])).rows as { server_version: string }[];
    return [
      {
        name: 'postgres_kpi_queries',
        engine: 'postgres',
        metric: 'seconds',
        ...medianOfRuns(totals, (s) => round(s, 2)),
        details: {
          messages,
          queries: Object.fromEntries(KPI_QUERIES.map((name) => [name, round(median(perQuery[name]), 2)])),
          rows_checked_against_marts: Object.fromEntries(KPI_QUERIES.map((name, i) => [name, marts[i].length])),
          load_and_index_seconds: round(load.seconds),
          server_version,
          load_average_before: round(loadBefore, 2),
          load_average_after: round(loadavg()[0], 2),
        },
      },
    ];
  } finally {
    for (const statement of benchStatements('postgres/drop')) await client.query(statement);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
