import type { Row, Warehouse } from '../warehouse/types.js';
import { onTarget, outsideNormalRange, relativeChange, resolveTarget, type CompareSettings, type Target } from './compare.js';
import { isNumericFormat, type ChartDefinition, type FigureGroupDefinition, type TableDefinition, type ValueFormat } from './definition.js';
import type { LoadedReport, VegaLiteSpec } from './load.js';
import { runReportQuery, weekParams } from './query.js';
import { describeWeek, type IsoWeek } from './week.js';

/** The week a report is about and the week it is compared with. */
export interface ReportWeeks {
  current: IsoWeek;
  previous: IsoWeek;
}

export type CellValue = number | string | boolean | string[] | null;

export interface FigureResult {
  column: string;
  label: string;
  format: ValueFormat;
  current: number | null;
  previous: number | null;
  change: number | null;
  outsideNormal: boolean;
  target: Target | null;
  onTarget: boolean | null;
}

export interface TableColumnResult {
  column: string;
  label: string;
  format: ValueFormat;
  compare: boolean;
  target: Target | null;
}

export interface TableRowResult {
  values: Record<string, CellValue>;
  /** Change against the previous week, for the columns marked `compare`. */
  changes: Record<string, number | null>;
  /** Columns whose change is outside the normal range. */
  unusual: Record<string, boolean>;
  /** Columns whose value is off target. */
  offTarget: Record<string, boolean>;
  highlighted: boolean;
}

export interface TableResult {
  id: string;
  title: string;
  note: string | null;
  columns: TableColumnResult[];
  highlight: { column: string; label: string } | null;
  rows: TableRowResult[];
}

export interface ChartData {
  id: string;
  title: string;
  /** The definition's spec with the rows and a title filled in: ready for Vega-Lite. */
  spec: VegaLiteSpec;
  rows: Row[];
}

export interface RawResult {
  sheet: string;
  columns: string[];
  rows: Row[];
}

/** Everything one report shows, independent of how it is rendered. */
export interface ReportResult {
  id: string;
  title: string;
  sheet: string;
  description: string;
  /** Why the report could not be produced (an optional report whose marts are missing), else null. */
  unavailable: string | null;
  figures: FigureResult[];
  tables: TableResult[];
  charts: ChartData[];
  raw: RawResult[];
}

const PERIOD = { current: 'this week', previous: 'previous week' } as const;

/** Runs a report's queries for the week and the previous week and assembles what it shows. */
export async function collectReport(warehouse: Warehouse, report: LoadedReport, weeks: ReportWeeks, settings: CompareSettings): Promise<ReportResult> {
  const { definition } = report;
  const base = { id: definition.id, title: definition.title, sheet: definition.sheet, description: definition.description };
  const missing = await missingTables(warehouse, definition.requires);
  if (missing.length > 0) {
    const reason = `missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
    if (!definition.optional) throw new Error(`report ${definition.id}: ${reason} (build the marts first: scrm transform)`);
    return { ...base, unavailable: `Not available for ${weeks.current.label}: ${reason}.`, figures: [], tables: [], charts: [], raw: [] };
  }

  const params = { current: weekParams(weeks.current, settings), previous: weekParams(weeks.previous, settings) };
  // A query shared by a table and its chart runs once per week.
  const results = new Map<string, Promise<Row[]>>();
  const run = (path: string, which: keyof typeof params) => {
    const key = `${which}:${path}`;
    if (!results.has(key)) results.set(key, runReportQuery(warehouse, report.queries.get(path)![warehouse.engine], params[which], path));
    return results.get(key)!;
  };
  const both = async (path: string) => ({ current: await run(path, 'current'), previous: await run(path, 'previous') });

  const figures: FigureResult[] = [];
  for (const group of definition.figures) figures.push(...collectFigures(group, await both(group.query), settings));
  const tables: TableResult[] = [];
  for (const table of definition.tables) tables.push(buildTable(table, await both(table.query), settings));
  const charts: ChartData[] = [];
  for (const chart of definition.charts) charts.push(buildChart(chart, report.specs.get(chart.spec)!, await chartRows(chart, both, run), weeks));
  const raw: RawResult[] = [];
  for (const sheet of definition.raw) raw.push(rawResult(sheet.sheet, tagWeeks(await both(sheet.query), weeks)));
  return { ...base, unavailable: null, figures, tables, charts, raw };
}

async function missingTables(warehouse: Warehouse, tables: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const table of tables) if (!(await warehouse.tableExists(table))) missing.push(table);
  return missing;
}

function collectFigures(group: FigureGroupDefinition, rows: { current: Row[]; previous: Row[] }, settings: CompareSettings): FigureResult[] {
  const { query, items } = group;
  const single = (which: 'current' | 'previous'): Row => {
    if (rows[which].length > 1) throw new Error(`report query ${query} must return at most one row, returned ${rows[which].length}`);
    return rows[which][0] ?? {};
  };
  const current = single('current');
  const previous = single('previous');
  assertColumns([current, previous], items.map((item) => item.column), query);
  return items.map((item) => {
    const now = numberOrNull(current[item.column], query, item.column);
    const before = numberOrNull(previous[item.column], query, item.column);
    const change = relativeChange(now, before);
    const target = resolveTarget(item.target, settings);
    return {
      column: item.column,
      label: item.label,
      format: item.format,
      current: now,
      previous: before,
      change,
      outsideNormal: outsideNormalRange(change, settings),
      target,
      onTarget: onTarget(now, target),
    };
  });
}

function buildTable(table: TableDefinition, rows: { current: Row[]; previous: Row[] }, settings: CompareSettings): TableResult {
  const keyOf = (row: Row) => JSON.stringify(table.key.map((k) => row[k] ?? null));
  const previousByKey = new Map(rows.previous.map((row) => [keyOf(row), row]));
  assertColumns(
    [...rows.current, ...rows.previous].slice(0, 1),
    [...table.key, ...table.columns.map((c) => c.column), ...(table.highlight ? [table.highlight.column] : []), ...(table.sort ? [table.sort.column] : [])],
    table.query,
  );
  const columns = table.columns.map((c) => ({ column: c.column, label: c.label, format: c.format, compare: c.compare, target: resolveTarget(c.target, settings) }));
  const ordered = table.sort ? sortRows(rows.current, table.sort.column, table.sort.descending, keyOf) : rows.current;
  const built = ordered.slice(0, table.limit ?? ordered.length).map((row): TableRowResult => {
    const before = previousByKey.get(keyOf(row));
    const values: Record<string, CellValue> = {};
    const changes: Record<string, number | null> = {};
    const unusual: Record<string, boolean> = {};
    const offTarget: Record<string, boolean> = {};
    for (const column of columns) {
      const value = normalize(row[column.column], column.format, table.query, column.column);
      values[column.column] = value;
      if (column.compare) {
        const previous = before ? numberOrNull(before[column.column], table.query, column.column) : null;
        changes[column.column] = relativeChange(value as number | null, previous);
        unusual[column.column] = outsideNormalRange(changes[column.column], settings);
      }
      if (column.target) offTarget[column.column] = onTarget(value as number | null, column.target) === false;
    }
    const highlighted = table.highlight ? normalize(row[table.highlight.column], 'flag', table.query, table.highlight.column) === true : false;
    return { values, changes, unusual, offTarget, highlighted };
  });
  return { id: table.id, title: table.title, note: table.note ?? null, columns, highlight: table.highlight ?? null, rows: built };
}

/** Sorts on the query's own value of any column (shown or not), NULLs last, ties by key so every engine gives one order. */
function sortRows(rows: readonly Row[], column: string, descending: boolean, keyOf: (row: Row) => string): Row[] {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[column] ?? null;
    const y = b[column] ?? null;
    if (x === y) return keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return ((x as number | string) < (y as number | string) ? -1 : 1) * direction;
  });
}

async function chartRows(
  chart: ChartDefinition,
  both: (path: string) => Promise<{ current: Row[]; previous: Row[] }>,
  run: (path: string, which: 'current' | 'previous') => Promise<Row[]>,
): Promise<{ current: Row[]; previous: Row[] }> {
  return chart.weeks === 'both' ? both(chart.query) : { current: await run(chart.query, 'current'), previous: [] };
}

function buildChart(chart: ChartDefinition, spec: VegaLiteSpec, rows: { current: Row[]; previous: Row[] }, weeks: ReportWeeks): ChartData {
  const values = tagWeeks(rows, weeks);
  const filled: VegaLiteSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...structuredClone(spec),
    // An empty chart says so, in every output, rather than showing bare axes.
    title: spec.title ?? { text: chart.title, subtitle: `${weeks.current.label} · ${describeWeek(weeks.current)}${values.length === 0 ? ' · no data' : ''}` },
    data: { values },
  };
  return { id: chart.id, title: chart.title, spec: filled, rows: values };
}

/** Rows of both weeks, each tagged with its ISO week and whether it is this or the previous week. */
function tagWeeks(rows: { current: Row[]; previous: Row[] }, weeks: ReportWeeks): Row[] {
  const tag = (list: Row[], which: 'current' | 'previous') => list.map((row) => ({ week: weeks[which].label, period: PERIOD[which], ...row }));
  return [...tag(rows.current, 'current'), ...tag(rows.previous, 'previous')];
}

function rawResult(sheet: string, rows: Row[]): RawResult {
  return { sheet, columns: rows.length ? Object.keys(rows[0]) : [], rows };
}

/** A definition naming a column its query does not return is an error, not a silent blank. */
function assertColumns(rows: readonly Row[], columns: readonly string[], query: string): void {
  for (const row of rows) {
    if (Object.keys(row).length === 0) continue;
    const missing = columns.filter((column) => !(column in row));
    if (missing.length > 0) throw new Error(`report query ${query} returns no column ${missing.join(', ')} (it returns ${Object.keys(row).join(', ')})`);
  }
}

function numberOrNull(value: unknown, query: string, column: string): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'boolean' ? Number(value) : Number(value);
  if (!Number.isFinite(number)) throw new Error(`report query ${query}: column ${column} is not a number (${JSON.stringify(value)})`);
  return number;
}

/** Brings a value to the type its format promises, whichever engine produced it. */
function normalize(value: unknown, format: ValueFormat, query: string, column: string): CellValue {
  if (value === null || value === undefined) return null;
  if (isNumericFormat(format)) return numberOrNull(value, query, column);
  switch (format) {
    case 'flag':
      return typeof value === 'boolean' ? value : Number(value) !== 0;
    case 'list':
      return Array.isArray(value) ? value.filter((item) => item !== null && item !== undefined).map(String) : [String(value)];
    default:
      return String(value);
  }
}
