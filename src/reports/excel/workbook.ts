import ExcelJS from 'exceljs';
import type { CompareSettings, Target } from '../compare.js';
import type { FigureResult, ReportResult, ReportWeeks, TableResult } from '../collect.js';
import type { ValueFormat } from '../definition.js';
import { CHANGE_EXCEL_FORMAT, excelNumberFormat, excelValue, unitSuffix } from '../format.js';
import { cellValue, describeTarget, displayColumns, onTargetText, type DisplayColumn } from '../layout.js';
import type { RenderedChart } from '../charts/render.js';
import { describeWeek } from '../week.js';

/** Rendered charts by `<report id>/<chart id>`. */
export type ChartImages = ReadonlyMap<string, RenderedChart>;

const OFF_TARGET = { font: { color: { argb: 'FF9C0006' } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } as const;
const UNUSUAL_CHANGE = { font: { color: { argb: 'FF9C5700' } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } } } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
/** Excel's default row height in pixels, to turn an image's height into rows. */
const ROW_PX = 20;
const FIGURE_HEADERS = ['Metric', 'This week', 'Previous week', 'Change', 'Outside normal range', 'Target', 'Status'];

/**
 * The weekly workbook: one formatted sheet per report (figures against last week and their
 * targets, tables, chart images), then one raw-data sheet per raw query. Highlights are Excel
 * conditional formats, so they still hold when someone edits a value.
 */
export async function writeWorkbook(path: string, reports: readonly ReportResult[], charts: ChartImages, weeks: ReportWeeks, settings: CompareSettings): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'scrm';
  workbook.title = `Weekly report ${weeks.current.label}`;
  workbook.created = new Date(`${weeks.current.end}T00:00:00Z`);
  for (const report of reports) writeReportSheet(workbook, report, charts, weeks, settings);
  for (const report of reports) for (const raw of report.raw) writeRawSheet(workbook, raw.sheet, raw.columns, raw.rows, weeks);
  await workbook.xlsx.writeFile(path);
}

function writeReportSheet(workbook: ExcelJS.Workbook, report: ReportResult, charts: ChartImages, weeks: ReportWeeks, settings: CompareSettings): void {
  const sheet = workbook.addWorksheet(report.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  const range = `±${Math.round(settings.normalRange * 100)} %`;
  sheet.getCell('A1').value = `${report.title} — ${weeks.current.label}`;
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A2').value = `${describeWeek(weeks.current)}, compared with ${weeks.previous.label}. Changes beyond ${range} and values off target are highlighted.`;
  sheet.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
  if (report.description) sheet.getCell('A3').value = report.description;
  const widths = new ColumnWidths();
  let row = 5;
  if (report.unavailable) {
    sheet.getCell(`A${row}`).value = report.unavailable;
    sheet.getCell(`A${row}`).font = { bold: true, color: { argb: 'FF9C0006' } };
    return;
  }
  if (report.figures.length) row = writeFigures(sheet, report.figures, row, widths, weeks, settings) + 1;
  for (const table of report.tables) row = writeTable(sheet, table, row, widths, weeks, settings) + 1;
  widths.apply(sheet);
  placeCharts(workbook, sheet, report, charts, widths.count + 2);
}

/** Writes the figures block from `top`; returns the next free row. */
function writeFigures(sheet: ExcelJS.Worksheet, figures: readonly FigureResult[], top: number, widths: ColumnWidths, weeks: ReportWeeks, settings: CompareSettings): number {
  const headers = [...FIGURE_HEADERS];
  headers[1] = `This week (${weeks.current.label})`;
  headers[2] = `Previous week (${weeks.previous.label})`;
  headerRow(sheet, top, headers, widths);
  figures.forEach((figure, i) => {
    const r = top + 1 + i;
    const cells = [
      figure.label + unitSuffix(figure.format),
      excelValue(figure.current, figure.format),
      excelValue(figure.previous, figure.format),
      figure.change,
      figure.change === null ? '' : figure.outsideNormal ? 'yes' : 'no',
      describeTarget(figure.target, figure.format),
      onTargetText(figure.onTarget),
    ];
    sheet.getRow(r).values = cells;
    setFormat(sheet.getCell(r, 2), figure.format);
    setFormat(sheet.getCell(r, 3), figure.format);
    sheet.getCell(r, 4).numFmt = CHANGE_EXCEL_FORMAT;
    widths.fit(cells, [figure.format, figure.format, 'percent']);
  });
  const last = top + figures.length;
  highlightUnusualChange(sheet, `D${top + 1}:D${last}`, settings);
  figures.forEach((figure, i) => {
    if (figure.target) highlightOffTarget(sheet, `B${top + 1 + i}`, figure.target, figure.format);
  });
  return last + 1;
}

/** Writes a table block (title, header, rows) from `top`; returns the next free row. */
function writeTable(sheet: ExcelJS.Worksheet, table: TableResult, top: number, widths: ColumnWidths, weeks: ReportWeeks, settings: CompareSettings): number {
  const columns = displayColumns(table, weeks.previous.label);
  sheet.getCell(top, 1).value = table.title;
  sheet.getCell(top, 1).font = { bold: true, size: 13 };
  let headerAt = top + 1;
  if (table.note) {
    sheet.getCell(headerAt, 1).value = table.note;
    sheet.getCell(headerAt, 1).font = { italic: true, color: { argb: 'FF595959' } };
    headerAt += 1;
  }
  headerRow(sheet, headerAt, columns.map((c) => c.header), widths);
  const first = headerAt + 1;
  table.rows.forEach((row, i) => {
    const cells = columns.map((column) => excelValue(cellValue(row, column), column.format));
    sheet.getRow(first + i).values = cells;
    columns.forEach((column, c) => {
      if (column.kind === 'change') sheet.getCell(first + i, c + 1).numFmt = CHANGE_EXCEL_FORMAT;
      else setFormat(sheet.getCell(first + i, c + 1), column.format);
    });
    widths.fit(cells, columns.map((c) => c.format));
  });
  if (table.rows.length === 0) {
    sheet.getCell(first, 1).value = 'No rows this week.';
    return first + 1;
  }
  const last = first + table.rows.length - 1;
  applyTableHighlights(sheet, table, columns, first, last, settings);
  return last + 1;
}

function applyTableHighlights(sheet: ExcelJS.Worksheet, table: TableResult, columns: DisplayColumn[], first: number, last: number, settings: CompareSettings): void {
  columns.forEach((column, c) => {
    const letter = columnLetter(c + 1);
    if (column.kind === 'change') highlightUnusualChange(sheet, `${letter}${first}:${letter}${last}`, settings);
    if (column.target) highlightOffTarget(sheet, `${letter}${first}:${letter}${last}`, column.target, column.format);
  });
  if (!table.highlight) return;
  const flagIndex = columns.findIndex((c) => c.column === table.highlight!.column && (c.kind === 'flag' || c.format === 'flag'));
  const flag = columnLetter(flagIndex + 1);
  sheet.addConditionalFormatting({
    ref: `A${first}:${columnLetter(columns.length)}${last}`,
    rules: [{ type: 'expression', priority: 1, formulae: [`$${flag}${first}=TRUE`], style: OFF_TARGET }],
  });
}

function highlightUnusualChange(sheet: ExcelJS.Worksheet, ref: string, settings: CompareSettings): void {
  const topLeft = ref.split(':')[0];
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'expression', priority: 2, formulae: [`AND(ISNUMBER(${topLeft}),ABS(${topLeft})>${settings.normalRange})`], style: UNUSUAL_CHANGE }],
  });
}

/** Empty cells count as 0 in a plain "cellIs" rule, so the rule checks for a number first. */
function highlightOffTarget(sheet: ExcelJS.Worksheet, ref: string, target: Target, format: ValueFormat): void {
  const topLeft = ref.split(':')[0];
  const scale = (limit: number) => excelValue(limit, format) as number;
  const [below, above] = target.exclusive ? ['<=', '>='] : ['<', '>'];
  const tests = [...(target.min !== null ? [`${topLeft}${below}${scale(target.min)}`] : []), ...(target.max !== null ? [`${topLeft}${above}${scale(target.max)}`] : [])];
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${topLeft}),OR(${tests.join(',')}))`], style: OFF_TARGET }],
  });
}

/** Charts go to the right of the widest block, one under another, each at its rendered size. */
function placeCharts(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, report: ReportResult, charts: ChartImages, column: number): void {
  let row = 4;
  for (const chart of report.charts) {
    const image = charts.get(`${report.id}/${chart.id}`);
    if (!image) throw new Error(`chart ${report.id}/${chart.id} was not rendered`);
    const id = workbook.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
    sheet.addImage(id, { tl: { col: column, row }, ext: { width: image.width, height: image.height } });
    row += Math.ceil(image.height / ROW_PX) + 2;
  }
}

function writeRawSheet(workbook: ExcelJS.Workbook, name: string, columns: string[], rows: readonly Record<string, unknown>[], weeks: ReportWeeks): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // A query without rows has no columns to name: say so rather than leave a blank sheet that looks broken.
  if (rows.length === 0) {
    sheet.getCell('A1').value = `No rows for ${weeks.current.label} or ${weeks.previous.label}.`;
    sheet.getCell('A1').font = { italic: true, color: { argb: 'FF595959' } };
    return;
  }
  const widths = new ColumnWidths();
  headerRow(sheet, 1, columns, widths);
  for (const row of rows) {
    const cells = columns.map((column) => rawCell(row[column]));
    sheet.addRow(cells);
    widths.fit(cells);
  }
  if (columns.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  widths.apply(sheet);
}

function rawCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as ExcelJS.CellValue;
}

function headerRow(sheet: ExcelJS.Worksheet, at: number, headers: string[], widths: ColumnWidths): void {
  const row = sheet.getRow(at);
  row.values = headers;
  row.font = { bold: true };
  headers.forEach((_, i) => {
    row.getCell(i + 1).fill = HEADER_FILL;
    row.getCell(i + 1).alignment = { wrapText: true, vertical: 'middle' };
  });
  widths.fit(headers.map((h) => (h.length > 24 ? h.slice(0, 24) : h)));
}

function setFormat(cell: ExcelJS.Cell, format: ValueFormat): void {
  const numFmt = excelNumberFormat(format);
  if (numFmt) cell.numFmt = numFmt;
}

/** Column widths from the longest text shown in each column, within sensible bounds. */
class ColumnWidths {
  private readonly widths: number[] = [];

  get count(): number {
    return this.widths.length;
  }

  fit(cells: readonly unknown[], formats: readonly (ValueFormat | undefined)[] = []): void {
    cells.forEach((cell, i) => {
      const shown = shownLength(cell, formats[i]);
      this.widths[i] = Math.max(this.widths[i] ?? 8, Math.min(shown + 2, 60));
    });
  }

  apply(sheet: ExcelJS.Worksheet): void {
    this.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  }
}

function shownLength(cell: unknown, format: ValueFormat | undefined): number {
  if (cell === null || cell === undefined) return 0;
  if (cell instanceof Date) return 10;
  if (typeof cell === 'number') return format === 'percent' ? 8 : format === 'duration' ? 7 : Math.abs(cell).toLocaleString('en-US').length + 3;
  return String(cell).length;
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
