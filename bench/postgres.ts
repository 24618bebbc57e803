import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sqlLiteral } from '../src/transform/literal.js';
import { runTransform } from '../src/transform/run.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Row } from '../src/warehouse/types.js';
import { benchHelpdeskClickHouse } from './helpdesk-clickhouse.js';
import { benchHelpdeskDuckDB } from './helpdesk-duckdb.js';
import { assertSameAnswers, HELPDESK_FILES, helpdeskValues, KPI_QUERIES, timeKpiQueries, type HelpdeskTimings, type KpiAnswers } from './kpi-queries.js';
import { processCpu, round, timed, type BenchOptions, type BenchResult } from './measure.js';
import { BENCH_CONFIG, KPI_SELECTION, loadLanding } from './models.js';
import { benchStatements } from './sql.js';

const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/**
 * CPU seconds Postgres has spent for this session so far: its backend's, plus the parallel workers'
 * once they end (the postmaster reaps them). Any other session's process ending meanwhile counts
 * too, so on a shared server this errs against Postgres (more CPU counted, a larger speed-up over it).
 */
function postgresCpuSeconds(backend: number): number {
  // COPY FROM a file already needs the server on this machine; a server in a container could still
  // report a pid of its own namespace, which here would be some other process.
  if (readFileSync(`/proc/${backend}/comm`, 'utf8').trim() !== 'postgres') throw new Error(`process ${backend} is not PostgreSQL's backend: its CPU time cannot be read here`);
  const { own, parent } = processCpu(backend);
  return own + processCpu(parent).reaped;
}

/**
 * The baseline a Postgres-backed helpdesk represents: the same landing data as the models bench
 * (written by DuckDB as CSV, loaded with COPY, deduplicated and indexed), the three core KPI
 * queries timed `runs` times, and their answers checked against our marts built from that data.
 * Then the engine-to-engine figures: the same tables from the same files in DuckDB and on a
 * ClickHouse server, the same queries timed the same way, their answers checked against Postgres's.
 */
export async function benchPostgres(options: BenchOptions): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-bench-postgres-'));
  // The Postgres server reads the CSV files itself (COPY FROM a file).
  chmodSync(dir, 0o755);
  const path = join(dir, 'landing.duckdb');
  const files = Object.fromEntries(HELPDESK_FILES.map((name) => [`${name}_file`, join(dir, `${name}.csv`)]));
  const client = new pg.Client(POSTGRES);
  await client.connect();
  try {
    const warehouse = await DuckDBWarehouse.open({ path });
    let marts: KpiAnswers;
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
    const values = helpdeskValues((text) => client.escapeLiteral(text), files);
    const load = await timed(async () => {
      for (const name of ['schema', 'load', 'views', 'keyword-matches']) for (const statement of benchStatements(`postgres/${name}`, values)) await client.query(statement);
    });
    const loadBefore = loadavg()[0];
    const [{ pid }] = (await client.query(benchStatements('postgres/backend-pid')[0])).rows as { pid: number }[];
    const cpuBefore = postgresCpuSeconds(pid);
    const postgres = await timeKpiQueries(options.runs, async (name) => {
      let rows: Row[] = [];
      for (const statement of benchStatements(`postgres/${name}`, values)) rows = (await client.query(statement)).rows as Row[];
      return rows;
    });
    const postgresCpu = round(postgresCpuSeconds(pid) - cpuBefore, 2);
    assertSameAnswers(['marts', marts], ['Postgres', postgres.answers]);
    const loadAfter = loadavg()[0];
    const rowsChecked = (answers: KpiAnswers) => Object.fromEntries(KPI_QUERIES.map((name, i) => [name, answers[i].length]));
    const duckdb = await benchHelpdeskDuckDB(dir, files, postgres.answers, options.runs);
    const clickhouse = await benchHelpdeskClickHouse(files, postgres.answers, options.runs);
    // The engine-to-engine figures: the same queries over the same tables, so only the engine differs.
    const helpdeskResult = (engine: string, timings: HelpdeskTimings, more: Record<string, unknown> = {}): BenchResult => ({
      name: 'helpdesk_kpi_queries',
      engine,
      metric: 'seconds',
      ...timings.figure,
      details: {
        messages,
        queries: timings.queries,
        speed_up_over_postgres: round(postgres.figure.value / timings.figure.value, 1),
        cpu_speed_up_over_postgres: round(postgresCpu / timings.cpuSeconds, 1),
        rows_checked_against_postgres: rowsChecked(timings.answers),
        load_and_dedup_seconds: timings.loadSeconds,
        cpu_seconds_all_runs: timings.cpuSeconds,
        ...more,
        load_average_before: round(loadAfter, 2),
        load_average_after: round(loadavg()[0], 2),
      },
    });
    const [{ server_version }] = (await client.query(benchStatements('postgres/server-version')[0])).rows as { server_version: string }[];
    return [
      {
        name: 'postgres_kpi_queries',
        engine: 'postgres',
        metric: 'seconds',
        ...postgres.figure,
        details: {
          messages,
          queries: postgres.queries,
          rows_checked_against_marts: rowsChecked(marts),
          load_and_index_seconds: round(load.seconds),
          cpu_seconds_all_runs: postgresCpu,
          server_version,
          load_average_before: round(loadBefore, 2),
          load_average_after: round(loadAfter, 2),
        },
      },
      helpdeskResult('duckdb', duckdb),
      helpdeskResult('clickhouse', clickhouse, { server_peak_rss_mb: clickhouse.serverPeakRssMb }),
    ];
  } finally {
    for (const statement of benchStatements('postgres/drop')) await client.query(statement);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
