import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { CompareSettings } from '../compare.js';
import type { CellValue, FigureResult, RawResult, ReportResult, ReportWeeks, TableResult } from '../collect.js';
import { isNumericFormat } from '../definition.js';
import { formatChange, formatValue, unitSuffix } from '../format.js';
import { cellValue, describeTarget, displayColumns, onTargetText } from '../layout.js';
import { describeWeek } from '../week.js';

const TEMPLATE = fileURLToPath(new URL('./page.njk', import.meta.url));
const require = createRequire(import.meta.url);

/** The UMD builds, inlined so the page works offline (no CDN): order matters, each needs the one before. */
const LIBRARIES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

let libraries: string[] | undefined;

/** Renders the self-contained weekly page: the same figures, tables and raw data as the workbook, with interactive charts. */
export function renderPage(reports: readonly ReportResult[], weeks: ReportWeeks, settings: CompareSettings): string {
  libraries ??= LIBRARIES.map(([name, file]) => inlineScript(readFileSync(join(packageDir(name), file), 'utf8')));
  const environment = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: true });
  const specs: Record<string, unknown> = {};
  for (const report of reports) for (const chart of report.charts) specs[chartDomId(report.id, chart.id)] = chart.spec;
  return environment.renderString(readFileSync(TEMPLATE, 'utf8'), {
    title: `Weekly report ${weeks.current.label}`,
    subtitle: `${describeWeek(weeks.current)} · compared with ${weeks.previous.label} (${describeWeek(weeks.previous)})`,
    legend: `Changes beyond ±${Math.round(settings.normalRange * 100)} % are marked; values off target are red.`,
    currentLabel: weeks.current.label,
    previousLabel: weeks.previous.label,
    reports: reports.map((report) => reportView(report, weeks)),
    libraries,
    specs: inlineJson(specs),
  });
}

export function chartDomId(reportId: string, chartId: string): string {
  return `chart-${reportId}-${chartId}`;
}

function reportView(report: ReportResult, weeks: ReportWeeks) {
  return {
    id: report.id,
    title: report.title,
    description: report.description,
    unavailable: report.unavailable,
    figures: report.figures.map(figureView),
    charts: report.charts.map((chart) => ({ domId: chartDomId(report.id, chart.id), id: chart.id, title: chart.title })),
    tables: report.tables.map((table) => tableView(table, weeks)),
    raw: report.raw.map(rawView),
  };
}

function figureView(figure: FigureResult) {
  return {
    column: figure.column,
    label: figure.label + unitSuffix(figure.format),
    value: formatValue(figure.current, figure.format),
    previous: formatValue(figure.previous, figure.format),
    change: formatChange(figure.change),
    rawValue: dataValue(figure.current),
    rawPrevious: dataValue(figure.previous),
    rawChange: dataValue(figure.change),
    outsideNormal: figure.outsideNormal,
    target: describeTarget(figure.target, figure.format),
    status: onTargetText(figure.onTarget),
    offTarget: figure.onTarget === false,
  };
}

function tableView(table: TableResult, weeks: ReportWeeks) {
  const columns = displayColumns(table, weeks.previous.label);
  return {
    id: table.id,
    title: table.title,
    note: table.note,
    headers: columns.map((c) => ({ text: c.header, numeric: c.kind === 'change' || isNumericFormat(c.format) })),
    rows: table.rows.map((row) => ({
      highlighted: row.highlighted,
      cells: columns.map((column) => {
        const value = cellValue(row, column);
        const isChange = column.kind === 'change';
        return {
          column: isChange ? `${column.column}__change` : column.column,
          text: isChange ? formatChange(value as number | null) : formatValue(value, column.format),
          value: dataValue(value),
          numeric: isChange || isNumericFormat(column.format),
          unusual: isChange && row.unusual[column.column] === true,
          offTarget: column.kind === 'value' && row.offTarget[column.column] === true,
        };
      }),
    })),
  };
}

function rawView(raw: RawResult) {
  return {
    sheet: raw.sheet,
    columns: raw.columns,
    rows: raw.rows.map((row) => raw.columns.map((column) => rawText(row[column]))),
  };
}


/** The unformatted value, for machines (and tests) reading the page. */
function dataValue(value: CellValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.join('; ') : String(value);
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The packages' `exports` hide their UMD builds, so the folder is found from the package's entry point. */
function packageDir(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
  }
  throw new Error(`cannot find the folder of the ${name} package`);
}

/** A script's text may not contain "</script" or "<!--" or the HTML parser ends or derails it. */
function inlineScript(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
