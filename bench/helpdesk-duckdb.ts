import { join } from 'node:path';
import { sqlLiteral } from '../src/transform/literal.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Row } from '../src/warehouse/types.js';
import { helpdeskValues, KPI_QUERIES, timeKpiQueries, type KpiAnswers, type KpiTimings } from './kpi-queries.js';
import { removeDuckDBFile, round, timed } from './measure.js';
import { BENCH_MEMORY_LIMIT } from './models.js';
import { assertSame } from './same-answers.js';
import { benchStatements } from './sql.js';

/** The engine-to-engine figure: one engine's KPI timings on the helpdesk tables, and what it took to load them. */
export interface HelpdeskTimings extends KpiTimings {
  loadSeconds: number;
  /** Process or server CPU seconds of the timed queries (all runs): steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

/**
 * The Postgres baseline's helpdesk tables in embedded DuckDB (bench/helpdesk/duckdb/load.sql, from
 * the same CSV files), its inbound-message view and KPI queries (bench/postgres/*.sql, unchanged)
 * and its keyword matches without a lateral join (bench/helpdesk/duckdb/keyword-matches.sql), timed
 * as on Postgres, and their answers checked against Postgres's.
 */
export async function benchHelpdeskDuckDB(dir: string, files: Record<string, string>, postgres: KpiAnswers, runs: number): Promise<HelpdeskTimings> {
  const path = join(dir, 'helpdesk.duckdb');
  // Capped as the models bench caps our own DuckDB, so both DuckDB figures run in the same memory.
  const warehouse = await DuckDBWarehouse.open({ path, memoryLimit: BENCH_MEMORY_LIMIT });
  try {
    const values = helpdeskValues((text) => sqlLiteral('duckdb', text), files);
    const load = await timed(async () => {
      for (const name of ['helpdesk/duckdb/load', 'postgres/views', 'helpdesk/duckdb/keyword-matches']) for (const statement of benchStatements(name, values)) await warehouse.exec(statement);
    });
    const before = process.cpuUsage();
    const timings = await timeKpiQueries(runs, async (name) => {
      let rows: Row[] = [];
      for (const statement of benchStatements(`postgres/${name}`, values)) rows = await warehouse.query(statement);
      return rows;
    });
    const cpu = process.cpuUsage(before);
    KPI_QUERIES.forEach((name, i) => assertSame(name, ['DuckDB', timings.answers[i]], ['Postgres', postgres[i]]));
    return { ...timings, loadSeconds: round(load.seconds), cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2) };
  } finally {
    await warehouse.close();
    await removeDuckDBFile(path);
  }
}
