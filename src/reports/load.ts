import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vegaLite from 'vega-lite';
import type { EngineName } from '../warehouse/types.js';
import { reportDefinitionSchema, type ReportDefinition } from './definition.js';

const ENGINES: readonly EngineName[] = ['duckdb', 'clickhouse'];

/** A validated definition with the text of every query and chart spec it names, read once. */
export interface LoadedReport {
  definition: ReportDefinition;
  /** The definition file, for error messages. */
  file: string;
  /** Query path (as written in the definition) → its SQL for each engine. */
  queries: ReadonlyMap<string, EngineSql>;
  /** Spec path → parsed Vega-Lite spec (without data). */
  specs: ReadonlyMap<string, VegaLiteSpec>;
}

export type VegaLiteSpec = Record<string, unknown>;

/** A query's text per engine: the shared file, or the `name.duckdb.sql` / `name.clickhouse.sql` pair. */
export type EngineSql = Readonly<Record<EngineName, string>>;

export class ReportDefinitionError extends Error {}

/** Reads and validates every `*.json` report definition in `dir`, in workbook order. */
export function loadReportDefinitions(dir: string): LoadedReport[] {
  if (!existsSync(dir)) throw new ReportDefinitionError(`${dir}: report definitions folder not found`);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new ReportDefinitionError(`${dir}: no report definitions (*.json)`);
  const reports = files.map((name) => loadOne(dir, join(dir, name)));
  assertUnique(reports, (r) => [r.definition.id], 'report id');
  assertUnique(reports, (r) => [r.definition.sheet, ...r.definition.raw.map((raw) => raw.sheet)], 'sheet name');
  return reports.sort((a, b) => a.definition.order - b.definition.order || a.definition.id.localeCompare(b.definition.id));
}

function loadOne(dir: string, file: string): LoadedReport {
  const shown = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ReportDefinitionError(`${shown}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = reportDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new ReportDefinitionError(`${shown}: ${where}: ${detail}`);
  }
  const definition = parsed.data;
  const queries = new Map<string, EngineSql>();
  const queryPaths = [
    ...definition.figures.map((group) => group.query),
    ...definition.tables.map((t) => t.query),
    ...definition.charts.map((c) => c.query),
    ...definition.raw.map((r) => r.query),
  ];
  for (const path of queryPaths) queries.set(path, readQuery(dir, path, shown));
  const specs = new Map<string, VegaLiteSpec>();
  for (const chart of definition.charts) specs.set(chart.spec, parseSpec(readReferenced(dir, chart.spec, shown), join(dir, chart.spec)));
  return { definition, file, queries, specs };
}

/**
 * Where a query needs what only one dialect can say (an exact median over a sorted array, say),
 * the definition still names `q.sql` and the folder holds `q.duckdb.sql` and `q.clickhouse.sql`
 * instead, as the models do.
 */
function readQuery(dir: string, path: string, from: string): EngineSql {
  const stem = path.slice(0, -'.sql'.length);
  const variants = ENGINES.map((engine) => join(dir, `${stem}.${engine}.sql`));
  const present = variants.filter((file) => existsSync(file));
  if (present.length === 0) {
    const shared = readReferenced(dir, path, from);
    return { duckdb: shared, clickhouse: shared };
  }
  if (existsSync(join(dir, path))) throw new ReportDefinitionError(`${from}: ${path} has both a shared file and engine variants`);
  if (present.length !== ENGINES.length) throw new ReportDefinitionError(`${from}: ${path} needs both ${stem}.duckdb.sql and ${stem}.clickhouse.sql`);
  return { duckdb: readFileSync(variants[0], 'utf8'), clickhouse: readFileSync(variants[1], 'utf8') };
}

function readReferenced(dir: string, path: string, from: string): string {
  const full = join(dir, path);
  if (!existsSync(full)) throw new ReportDefinitionError(`${from}: references ${path}, which does not exist`);
  return readFileSync(full, 'utf8');
}

/** A spec must be a Vega-Lite object that compiles once its data is supplied; inline data would be ignored, so it is refused. */
function parseSpec(text: string, file: string): VegaLiteSpec {
  const shown = relative(process.cwd(), file) || file;
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new ReportDefinitionError(`${shown}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new ReportDefinitionError(`${shown}: expected a Vega-Lite spec object`);
  const object = spec as VegaLiteSpec;
  if ('data' in object) throw new ReportDefinitionError(`${shown}: data: leave it out; the report supplies the rows from its query`);
  try {
    vegaLite.compile({ ...object, data: { values: [] } } as unknown as vegaLite.TopLevelSpec);
  } catch (error) {
    throw new ReportDefinitionError(`${shown}: not a valid Vega-Lite spec: ${(error as Error).message}`);
  }
  return object;
}

function assertUnique(reports: LoadedReport[], names: (report: LoadedReport) => string[], what: string): void {
  const seen = new Map<string, string>();
  for (const report of reports) {
    for (const name of names(report)) {
      const key = name.toLowerCase();
      const other = seen.get(key);
      if (other) throw new ReportDefinitionError(`${relative(process.cwd(), report.file)}: ${what} "${name}" is already used by ${other}`);
      seen.set(key, relative(process.cwd(), report.file));
    }
  }
}
