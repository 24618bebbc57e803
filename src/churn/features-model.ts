import type { Config } from '../config/schema.js';
import { projectPath } from '../paths.js';
import { MODELS_DIR } from '../transform/project.js';
import { readSchemaFile, type ModelDoc } from '../transform/schema-docs.js';
import { SqlTemplates } from '../transform/template.js';
import { templateVars } from '../transform/vars.js';
import type { Warehouse } from '../warehouse/types.js';
import { assertDate } from './dates.js';
import { FEATURE_NAMES, type FeatureRow, type FeatureValues, type LabeledRow } from './features.js';
import { HORIZON_DAYS } from './train.js';

/**
 * The churn tables are models (SQL under models/churn/, rendered with the model runner's
 * templates, macros and ref()), built here rather than by the DAG because each build is for one
 * as_of: training loops over cut-offs, scoring uses today.
 */
const SCHEMA_FILE = projectPath('models', 'churn', 'schema.yml');

type ChurnTable = 'churn_features' | 'churn_labels';

function docFor(name: ChurnTable): ModelDoc {
  const doc = readSchemaFile(SCHEMA_FILE).find((model) => model.name === name);
  if (!doc) throw new Error(`${SCHEMA_FILE}: no entry for ${name}`);
  return doc;
}

async function build(warehouse: Warehouse, templates: SqlTemplates, name: ChurnTable): Promise<void> {
  const rendered = templates.renderFile(`churn/${name}.sql`, { churn: { horizon_days: HORIZON_DAYS } });
  for (const ref of rendered.refs) {
    if (!(await warehouse.tableExists(ref))) throw new Error(`${name} reads ${ref}, which is not built yet: run \`scrm transform\` first`);
  }
  const doc = docFor(name);
  try {
    await warehouse.replaceTable(name, rendered.sql, { orderBy: doc.order_by });
  } catch (error) {
    throw new Error(`model ${name} failed (models/churn/${name}.sql): ${(error as Error).message}`);
  }
  const actual = await warehouse.columns(name);
  const documented = doc.columns.map((column) => column.name);
  if (actual.join() !== documented.join()) {
    throw new Error(`${name} has the columns ${actual.join(', ')}, but models/churn/schema.yml documents ${documented.join(', ')}`);
  }
}

/**
 * Builds churn_features (and churn_labels when `labels`) at `asOf`, or at config `as_of` / the last
 * local date in the data when `asOf` is null.
 */
export async function buildChurnTables(warehouse: Warehouse, config: Config, asOf: string | null, labels: boolean): Promise<void> {
  const vars = templateVars({ ...config, as_of: asOf === null ? config.as_of : assertDate(asOf) });
  const templates = await SqlTemplates.create(warehouse.engine, MODELS_DIR, vars);
  await build(warehouse, templates, 'churn_features');
  if (labels) await build(warehouse, templates, 'churn_labels');
}

function featureValue(row: Record<string, unknown>, name: string, where: string): number | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: ${name} is ${JSON.stringify(value)}, not a finite number`);
  return value;
}

/** The rows of churn_features, validated: unique customers, one as_of, finite numbers or NULL. */
export async function readFeatureRows(warehouse: Warehouse): Promise<FeatureRow[]> {
  const rows = await warehouse.query('SELECT * FROM churn_features ORDER BY customer_key');
  const seen = new Set<string>();
  return rows.map((row) => {
    const key = row.customer_key;
    const where = `churn_features, customer ${JSON.stringify(key)}`;
    if (typeof key !== 'string' || key === '') throw new Error(`${where}: customer_key is missing`);
    if (seen.has(key)) throw new Error(`${where}: appears twice`);
    seen.add(key);
    const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, featureValue(row, name, where)])) as FeatureValues;
    return { customer_key: key, as_of: assertDate(String(row.as_of)), features };
  });
}

/** churn_features joined to churn_labels; refuses labels whose horizon runs past the data. */
export async function readLabeledRows(warehouse: Warehouse): Promise<LabeledRow[]> {
  const features = await readFeatureRows(warehouse);
  const labels = new Map<string, { churned: unknown; horizon_complete: unknown }>();
  for (const row of await warehouse.query('SELECT customer_key, churned, horizon_complete FROM churn_labels')) {
    labels.set(String(row.customer_key), { churned: row.churned, horizon_complete: row.horizon_complete });
  }
  return features.map((row) => {
    const label = labels.get(row.customer_key);
    if (!label) throw new Error(`churn_labels has no label for customer ${row.customer_key} at ${row.as_of}`);
    if (label.horizon_complete !== 1) {
      throw new Error(`the data ends before the ${HORIZON_DAYS}-day label horizon after ${row.as_of}: its labels are not known yet`);
    }
    if (label.churned !== 0 && label.churned !== 1) throw new Error(`churn_labels: churned is ${JSON.stringify(label.churned)} for ${row.customer_key}`);
    return { ...row, label: label.churned };
  });
}

/** First and last local date of the data (int_run_params), for planning cut-offs. */
export async function dataRange(warehouse: Warehouse): Promise<{ first: string; last: string }> {
  if (!(await warehouse.tableExists('int_run_params'))) throw new Error('int_run_params is not built yet: run `scrm transform` first');
  const [row] = await warehouse.query('SELECT first_date, last_date FROM int_run_params');
  if (!row) throw new Error('the warehouse holds no messages: nothing to train on');
  return { first: assertDate(String(row.first_date)), last: assertDate(String(row.last_date)) };
}
