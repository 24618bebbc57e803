import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeWeeklyReport, type WeeklyReportSummary } from '../src/reports/run.js';
import { parseIsoWeek } from '../src/reports/week.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { buildReportWarehouse, REPORT_CONFIG, REPORT_WEEK } from '../test/reports/weekly-data.js';

export interface ReportsBenchOptions {
  /** Customers in the generated data (default 100 000, the target's size). */
  customers?: number;
  /** Timed report runs; the median is the figure (default 3). */
  runs?: number;
}

export interface ReportsBenchResult {
  name: 'reports';
  engine: 'duckdb';
  customers: number;
  week: string;
  /** Rows of the marts and tables the reports read, to show the size behind the figure. */
  sizes: Record<string, number>;
  setupMs: number;
  runsMs: number[];
  /** CPU time of each run (this process and its DuckDB threads): comparable even on a busy machine. */
  runsCpuMs: number[];
  medianMs: number;
  /** Median time of each phase of the report (queries, charts, workbook, page). */
  phasesMs: WeeklyReportSummary['timingsMs'];
  targetMs: number;
  met: boolean;
  peakRssMb: number;
  /** 1-minute load average when the runs ended; wall times above the core count's worth are contention. */
  loadAverage: number;
  cores: number;
}

const TARGET_MS = 10_000;
const READ_TABLES = ['int_turns', 'int_funnel_customers', 'mart_customer_segments', 'churn_scores', 'mart_keywords_weekly', 'mart_campaign_daily'];

/**
 * The weekly report for 100 k customers on DuckDB (target ≤ 10 s). Setup, not timed: the models'
 * deterministic landing generator (eight ISO weeks from 2026-W41, loaded in batches), the whole
 * model DAG, and churn_scores with the churn stage's columns for every customer (two scoring runs).
 * Timed: `writeWeeklyReport` for 2026-W47, end to end (queries, charts, workbook, page), `runs` times.
 */
export async function benchReports(options: ReportsBenchOptions = {}): Promise<ReportsBenchResult> {
  const customers = options.customers ?? 100_000;
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'scrm-bench-reports-'));
  const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'bench.duckdb') });
  try {
    const setupStart = performance.now();
    await buildReportWarehouse(warehouse, customers);
    const setupMs = Math.round(performance.now() - setupStart);
    const sizes: Record<string, number> = {};
    for (const table of READ_TABLES) sizes[table] = Number((await warehouse.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

    const summaries: WeeklyReportSummary[] = [];
    const runsCpuMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const cpu = process.cpuUsage();
      summaries.push(await writeWeeklyReport(warehouse, REPORT_CONFIG, { week: parseIsoWeek(REPORT_WEEK), outDir: join(dir, `run-${run}`) }));
      const used = process.cpuUsage(cpu);
      runsCpuMs.push(Math.round((used.user + used.system) / 1000));
    }
    const runsMs = summaries.map((s) => s.timingsMs.total);
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const phase = (name: keyof WeeklyReportSummary['timingsMs']) => medianOf(summaries.map((s) => s.timingsMs[name]));
    const medianMs = medianOf(runsMs);
    return {
      name: 'reports',
      engine: 'duckdb',
      customers,
      week: REPORT_WEEK,
      sizes,
      setupMs,
      runsMs,
      runsCpuMs,
      medianMs,
      phasesMs: { queries: phase('queries'), charts: phase('charts'), workbook: phase('workbook'), html: phase('html'), total: medianMs },
      targetMs: TARGET_MS,
      met: medianMs <= TARGET_MS,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: Number(loadavg()[0].toFixed(1)),
      cores: availableParallelism(),
    };
  } finally {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const customers = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchReports({ customers }), null, 2));
}
