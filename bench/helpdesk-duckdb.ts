import { join } from 'node:path';
import { sqlLiteral } from '../src/transform/literal.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import type { Row } from '../src/warehouse/types.js';
import { assertSameAnswers, helpdeskValues, timeKpiQueries, type HelpdeskTimings, type KpiAnswers } from './kpi-queries.js';
import { removeDuckDBFile, round, timed } from './measure.js';
import { BENCH_MEMORY_LIMIT } from './models.js';
import { benchStatements } from './sql.js';

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
    assertSameAnswers(['DuckDB', timings.answers], ['Postgres', postgres]);
    return { ...timings, loadSeconds: round(load.seconds), cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2) };
  } finally {
    await warehouse.close();
    await removeDuckDBFile(path);
  }
}
