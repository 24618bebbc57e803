import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWeeklyReport, type WeeklyReportSummary } from '../src/reports/run.js';
import { parseIsoWeek } from '../src/reports/week.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { median, medianOfRuns, round, type BenchOptions, type BenchResult } from './measure.js';
import { buildReportWarehouse, REPORT_CONFIG, REPORT_WEEK } from '../test/reports/weekly-data.js';

const READ_TABLES = ['int_turns', 'int_funnel_customers', 'mart_customer_segments', 'churn_scores', 'mart_keywords_weekly', 'mart_campaign_daily'];

/**
 * The weekly report for `reportCustomers` customers on DuckDB (target ≤ 10 s for 100 k). Setup, not timed: the models'
 * deterministic landing generator (eight ISO weeks from 2026-W41, loaded in batches), the whole
 * model DAG, and churn_scores with the churn stage's columns for every customer (two scoring runs).
 * Timed: `writeWeeklyReport` for 2026-W47, end to end (queries, charts, workbook, page), `runs` times.
 */
export async function benchReports(options: BenchOptions): Promise<BenchResult[]> {
  const customers = options.reportCustomers;
  const runs = options.runs;
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
    const runsSeconds = summaries.map((s) => s.timingsMs.total / 1000);
    const phase = (name: keyof WeeklyReportSummary['timingsMs']) => round(median(summaries.map((s) => s.timingsMs[name])) / 1000, 2);
    return [
      {
        name: 'reports_weekly',
        engine: 'duckdb',
        metric: 'seconds',
        ...medianOfRuns(runsSeconds, (s) => round(s, 2)),
        details: {
          customers,
          week: REPORT_WEEK,
          sizes,
          setup_seconds: round(setupMs / 1000),
          // CPU of this process and its DuckDB threads: comparable even on a busy machine.
          runs_cpu_seconds: runsCpuMs.map((ms) => round(ms / 1000, 2)),
          phases_seconds: { queries: phase('queries'), charts: phase('charts'), workbook: phase('workbook'), html: phase('html') },
          load_average_after: round(loadavg()[0], 2),
        },
      },
    ];
  } finally {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
