import { readFileSync } from 'node:fs';
import type { Params, Row, Warehouse } from '../warehouse/types.js';
import { isDate, isPeriodStart, type Grain } from './calendar.js';
import type { LoadedSource } from './load-rules.js';

/** One dimension's values of one metric, by period start. */
export type MetricSeries = Map<string, number | null>;

/** A source's rows as typed series: dimension → period → column → value. */
export interface SourceSeries {
  source: LoadedSource;
  grain: Grain;
  columns: Set<string>;
  byDimension: Map<string, Map<string, Record<string, number | null>>>;
}

export interface SeriesBounds {
  timezone: string;
  /** The first local date any rule needs, for queries that scan raw events and take `{from_date}`. */
  fromDate: string;
  toDate: string;
}

export class SeriesError extends Error {}

/**
 * Runs a source's query and checks its rows once: `period` is a date that starts a period of the
 * source's grain, `dimension` (optional) is text, every other column is a number or null, and each
 * period × dimension appears once. `{timezone}`, `{from_date}` and `{to_date}` are bound when used.
 */
export async function loadSeries(warehouse: Warehouse, source: LoadedSource, bounds: SeriesBounds): Promise<SourceSeries> {
  const sql = readFileSync(source.sqlFile, 'utf8');
  const rows = await warehouse.query(sql, paramsUsed(sql, { timezone: bounds.timezone, from_date: bounds.fromDate, to_date: bounds.toDate }));
  const series: SourceSeries = { source, grain: source.grain, columns: new Set(), byDimension: new Map() };
  rows.forEach((row, index) => addRow(series, row, index));
  return series;
}

function addRow(series: SourceSeries, row: Row, index: number): void {
  const where = `${series.source.sqlFile}, row ${index + 1}`;
  const { period, dimension = '', ...metrics } = row;
  if (!isDate(period) || !isPeriodStart(period, series.grain)) {
    throw new SeriesError(`${where}: "period" must be the first day of a ${series.grain} as YYYY-MM-DD, got ${JSON.stringify(period)}`);
  }
  if (typeof dimension !== 'string') throw new SeriesError(`${where}: "dimension" must be text, got ${JSON.stringify(dimension)}`);
  const values: Record<string, number | null> = {};
  for (const [column, value] of Object.entries(metrics)) {
    values[column] = metricValue(value, `${where}: column "${column}"`);
    series.columns.add(column);
  }
  let periods = series.byDimension.get(dimension);
  if (!periods) series.byDimension.set(dimension, (periods = new Map()));
  if (periods.has(period)) throw new SeriesError(`${where}: period ${period}${dimension ? ` × ${dimension}` : ''} appears twice`);
  periods.set(period, values);
}

function metricValue(value: unknown, where: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new SeriesError(`${where} must be a finite number or null, got ${JSON.stringify(value)}`);
}

/** One metric of a source, per dimension; the rule's column must exist when the source has rows. */
export function metricSeries(series: SourceSeries, metric: string, ruleId: string): Map<string, MetricSeries> {
  if (series.byDimension.size > 0 && !series.columns.has(metric)) {
    throw new SeriesError(
      `rule ${ruleId}: source ${series.source.name} (${series.source.sqlFile}) has no column "${metric}"; it has ${[...series.columns].join(', ')}`,
    );
  }
  const out = new Map<string, MetricSeries>();
  for (const [dimension, periods] of series.byDimension) {
    out.set(dimension, new Map([...periods].map(([period, values]) => [period, values[metric] ?? null])));
  }
  return out;
}

/** Only the placeholders a query uses are bound: the warehouse refuses unused parameters. */
function paramsUsed(sql: string, all: Record<string, string>): Params | undefined {
  const used = Object.entries(all).filter(([name]) => sql.includes(`{${name}}`));
  return used.length ? Object.fromEntries(used) : undefined;
}
