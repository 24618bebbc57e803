import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { projectPath } from '../paths.js';
import type { Warehouse } from '../warehouse/types.js';
import { resolveFonts } from './charts/fonts.js';
import { renderChart, type RenderedChart } from './charts/render.js';
import { collectReport, type ReportResult, type ReportWeeks } from './collect.js';
import type { CompareSettings } from './compare.js';
import { writeWorkbook } from './excel/workbook.js';
import { renderPage } from './html/page.js';
import { loadReportDefinitions } from './load.js';
import { previousWeek, type IsoWeek } from './week.js';

export interface WeeklyReportRequest {
  week: IsoWeek;
  /** Default: `<config.reports.out_dir>/<week>`. */
  outDir?: string;
  /** Default: `config.reports.definitions`, else the project's `reports/` folder. */
  definitionsDir?: string;
}

export interface ChartFiles {
  report: string;
  chart: string;
  vegaLite: string;
  svg: string;
  png: string;
}

export interface WeeklyReportSummary {
  week: string;
  previousWeek: string;
  engine: Warehouse['engine'];
  outDir: string;
  files: { workbook: string; html: string; charts: ChartFiles[] };
  reports: { id: string; title: string; figures: number; tables: number; charts: number; rawSheets: number; unavailable: string | null }[];
  warnings: string[];
  timingsMs: { queries: number; charts: number; workbook: number; html: number; total: number };
}

/** What a reader of the summary should know: a report that could not be made, or one with nothing for the week. */
function reportWarnings(report: ReportResult, weeks: ReportWeeks): string[] {
  if (report.unavailable) return [`${report.id}: ${report.unavailable}`];
  if (report.figures.length > 0 && report.figures.every((figure) => figure.current === null)) return [`${report.id}: no data for ${weeks.current.label}`];
  return [];
}

/** Produces one week's workbook, page and chart files from the marts and returns what it wrote. */
export async function writeWeeklyReport(warehouse: Warehouse, config: Config, request: WeeklyReportRequest): Promise<WeeklyReportSummary> {
  const started = performance.now();
  const weeks: ReportWeeks = { current: request.week, previous: previousWeek(request.week) };
  const settings: CompareSettings = { normalRange: config.reports.normal_range, slaSeconds: config.sla_seconds };
  const definitionsDir = request.definitionsDir ?? (config.reports.definitions ? resolve(config.reports.definitions) : projectPath('reports'));
  const outDir = resolve(request.outDir ?? join(config.reports.out_dir, weeks.current.label));
  const definitions = loadReportDefinitions(definitionsDir);

  const reports: ReportResult[] = [];
  for (const definition of definitions) reports.push(await collectReport(warehouse, definition, weeks, settings));
  const queried = performance.now();

  const fonts = resolveFonts(config.reports.fonts);
  const chartsDir = join(outDir, 'charts');
  mkdirSync(chartsDir, { recursive: true });
  const rendered = new Map<string, RenderedChart>();
  const chartFiles: ChartFiles[] = [];
  for (const report of reports) {
    for (const chart of report.charts) {
      const image = await renderChart(chart.spec, fonts);
      rendered.set(`${report.id}/${chart.id}`, image);
      const stem = join(chartsDir, `${report.id}-${chart.id}`);
      const files = { report: report.id, chart: chart.id, vegaLite: `${stem}.vl.json`, svg: `${stem}.svg`, png: `${stem}.png` };
      writeFileSync(files.vegaLite, `${JSON.stringify(chart.spec, null, 2)}\n`);
      writeFileSync(files.svg, image.svg);
      writeFileSync(files.png, image.png);
      chartFiles.push(files);
    }
  }
  const charted = performance.now();

  const workbook = join(outDir, `weekly-report-${weeks.current.label}.xlsx`);
  await writeWorkbook(workbook, reports, rendered, weeks, settings);
  const written = performance.now();

  const html = join(outDir, 'index.html');
  writeFileSync(html, renderPage(reports, weeks, settings));
  const finished = performance.now();

  return {
    week: weeks.current.label,
    previousWeek: weeks.previous.label,
    engine: warehouse.engine,
    outDir,
    files: { workbook, html, charts: chartFiles },
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      figures: r.figures.length,
      tables: r.tables.length,
      charts: r.charts.length,
      rawSheets: r.raw.length,
      unavailable: r.unavailable,
    })),
    warnings: [...(fonts.warning ? [fonts.warning] : []), ...reports.flatMap((r) => reportWarnings(r, weeks))],
    timingsMs: {
      queries: Math.round(queried - started),
      charts: Math.round(charted - queried),
      workbook: Math.round(written - charted),
      html: Math.round(finished - written),
      total: Math.round(finished - started),
    },
  };
}
