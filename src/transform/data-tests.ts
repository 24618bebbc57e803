import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ModelNode } from './model.js';
import { loadProject, type ProjectSource } from './project.js';
import { selectedNodes } from './run.js';
import type { ColumnTest, ModelTest } from './schema-docs.js';

export interface DataTestResult {
  model: string;
  /** e.g. "not_null(local_date)", "unique_combination(week_start, agent_id)". */
  test: string;
  failures: number;
  /** Why it failed, in words, when the count alone does not say it. */
  detail?: string;
}

export interface DataTestSummary {
  engine: Warehouse['engine'];
  results: DataTestResult[];
  failed: DataTestResult[];
}

interface Check {
  test: string;
  template: string;
  context: Record<string, unknown>;
}

/**
 * Runs the data tests declared in the models' schema.yml against the built tables, plus one
 * check per model that the table has exactly the documented columns, in order.
 */
export interface DataTestOptions extends ProjectSource {
  /** Selectors (`name`, `name+`, `+name`); all models when empty. */
  select?: readonly string[];
}

export async function runDataTests(warehouse: Warehouse, config: Config, options: DataTestOptions = {}): Promise<DataTestSummary> {
  const project = await loadProject(warehouse.engine, config, options);
  const results: DataTestResult[] = [];
  for (const node of selectedNodes(project, options.select)) {
    if (!(await warehouse.tableExists(node.name))) {
      results.push({ model: node.name, test: 'exists', failures: 1, detail: 'table not built (run `scrm transform`)' });
      continue;
    }
    results.push(await checkColumns(warehouse, node));
    for (const check of checksFor(node)) {
      const { sql } = project.templates.renderFile(`tests/${check.template}.sql`, { model: node.name, ...check.context });
      const [{ failures }] = await warehouse.query<{ failures: number }>(sql);
      results.push({ model: node.name, test: check.test, failures: Number(failures) });
    }
  }
  return { engine: warehouse.engine, results, failed: results.filter((result) => result.failures > 0) };
}

async function checkColumns(warehouse: Warehouse, node: ModelNode): Promise<DataTestResult> {
  const actual = await warehouse.columns(node.name);
  const documented = node.doc.columns.map((column) => column.name);
  const missing = documented.filter((name) => !actual.includes(name));
  const extra = actual.filter((name) => !documented.includes(name));
  const outOfOrder = missing.length === 0 && extra.length === 0 && actual.join() !== documented.join();
  const problems = [
    missing.length ? `documented but missing: ${missing.join(', ')}` : '',
    extra.length ? `not documented: ${extra.join(', ')}` : '',
    outOfOrder ? `columns are ${actual.join(', ')}, documented as ${documented.join(', ')}` : '',
  ].filter(Boolean);
  return { model: node.name, test: 'documented_columns', failures: missing.length + extra.length + (outOfOrder ? 1 : 0), detail: problems.join('; ') || undefined };
}

function checksFor(node: ModelNode): Check[] {
  const checks: Check[] = [];
  for (const column of node.doc.columns) {
    for (const test of column.tests) checks.push(columnCheck(column.name, test));
  }
  for (const test of node.doc.tests) checks.push(modelCheck(test));
  return checks;
}

function columnCheck(column: string, test: ColumnTest): Check {
  if (test === 'unique' || test === 'not_null') return { test: `${test}(${column})`, template: test, context: { column } };
  if ('accepted_values' in test) return { test: `accepted_values(${column})`, template: 'accepted_values', context: { column, values: test.accepted_values } };
  if ('relationships' in test) {
    const { to, field } = test.relationships;
    return { test: `relationships(${column} -> ${to}.${field})`, template: 'relationships', context: { column, to, field } };
  }
  return { test: `range(${column})`, template: 'range', context: { column, min: test.range.min ?? null, max: test.range.max ?? null } };
}

function modelCheck(test: ModelTest): Check {
  if ('unique_combination' in test) {
    return { test: `unique_combination(${test.unique_combination.join(', ')})`, template: 'unique_combination', context: { columns: test.unique_combination } };
  }
  if ('row_count' in test) return { test: 'row_count', template: 'row_count', context: { min: test.row_count.min ?? null, max: test.row_count.max ?? null } };
  if ('equal_row_count' in test) return { test: `equal_row_count(${test.equal_row_count})`, template: 'equal_row_count', context: { other: test.equal_row_count } };
  return { test: `expression(${test.expression})`, template: 'expression', context: { expression: test.expression } };
}
