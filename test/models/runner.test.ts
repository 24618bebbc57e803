import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologicalOrder, selectNodes } from '../../src/transform/dag.js';
import { runDataTests } from '../../src/transform/data-tests.js';
import { loadProject, MODELS_DIR } from '../../src/transform/project.js';
import { runTransform } from '../../src/transform/run.js';
import { transformStage } from '../../src/transform/stage.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { modelConfig } from './build.js';
import { at, Landing } from './landing.js';

const config = modelConfig();
const run = promisify(execFile);

/** A throwaway models folder: the real macros and data-test templates, plus the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-models-'));
  cpSync(join(MODELS_DIR, 'macros'), join(dir, 'macros'), { recursive: true });
  cpSync(join(MODELS_DIR, 'tests'), join(dir, 'tests'), { recursive: true });
  write(dir, files);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const CHAIN_DOCS = `models:
  - name: a
    description: Numbers.
    columns: [{ name: x, description: A number., tests: [unique, not_null] }]
  - name: b
    description: Tens.
    columns: [{ name: y, description: Ten times x. }]
  - name: c
    description: Tens plus one.
    columns: [{ name: z, description: y + 1. }]
`;

describe('the DAG', () => {
  const nodes = [
    { name: 'mart', refs: ['int', 'stg_b'] },
    { name: 'int', refs: ['stg_a'] },
    { name: 'stg_a', refs: [] },
    { name: 'stg_b', refs: [] },
  ];

  it('orders models after the models they refer to', () => {
    expect(topologicalOrder(nodes).map((node) => node.name)).toEqual(['stg_a', 'stg_b', 'int', 'mart']);
  });

  it('names the models of a cycle and an unknown reference', () => {
    expect(() => topologicalOrder([{ name: 'x', refs: ['y'] }, { name: 'y', refs: ['x'] }, { name: 'z', refs: [] }])).toThrow(
      'models refer to each other in a cycle: x, y',
    );
    expect(() => topologicalOrder([{ name: 'x', refs: ['nope'] }])).toThrow('model x refers to unknown model nope');
  });

  it('selects a model, its downstream (name+) or its upstream (+name)', () => {
    expect([...selectNodes(nodes, ['int'])]).toEqual(['int']);
    expect([...selectNodes(nodes, ['stg_a+'])].sort()).toEqual(['int', 'mart', 'stg_a']);
    expect([...selectNodes(nodes, ['+int'])].sort()).toEqual(['int', 'stg_a']);
    expect(() => selectNodes(nodes, ['nope+'])).toThrow('no model named nope');
    expect(() => selectNodes(nodes, ['int++'])).toThrow('invalid selector');
  });
});

describe('loading a models folder', () => {
  const load = (files: Record<string, string>) => loadProject('duckdb', config, { modelsDir: project(files), codeModels: [] });

  it('derives dependencies from ref() and source()', async () => {
    const loaded = await load({
      'staging/schema.yml': CHAIN_DOCS,
      'staging/a.sql': "SELECT count(*) AS x FROM {{ source('raw_messages') }}",
      'staging/b.sql': "SELECT x * 10 AS y FROM {{ ref('a') }}",
      'staging/c.sql': "SELECT y + 1 AS z FROM {{ ref('b') }}",
    });
    expect(loaded.nodes.map((node) => [node.name, node.refs, node.sources])).toEqual([
      ['a', [], ['raw_messages']],
      ['b', ['a'], []],
      ['c', ['b'], []],
    ]);
  });

  it('refuses undocumented models, documentation without a model, and half a pair of engine variants', async () => {
    await expect(load({ 'staging/schema.yml': 'models: []\n', 'staging/a.sql': 'SELECT 1 AS x' })).rejects.toThrow('model a has no entry in models/staging/schema.yml');
    await expect(load({ 'staging/schema.yml': CHAIN_DOCS, 'staging/a.sql': 'SELECT 1 AS x', 'staging/b.sql': 'SELECT 1 AS y' })).rejects.toThrow(
      'models/staging/schema.yml documents c, but there is no such model',
    );
    await expect(load({ 'staging/schema.yml': CHAIN_DOCS, 'staging/a.duckdb.sql': 'SELECT 1 AS x' })).rejects.toThrow(
      'models/staging/a.duckdb.sql has no counterpart a.clickhouse.sql',
    );
    await expect(load({ 'staging/schema.yml': 'models:\n  - name: a\n    description: x\n' })).rejects.toThrow('schema.yml: models.0.columns');
    await expect(load({ 'staging/schema.yml': 'models: []\n', 'staging/a.sql': "SELECT * FROM {{ source('raw_nothing') }}" })).rejects.toThrow(
      "source('raw_nothing') is not a landing table",
    );
  });
});

describe.each(TARGETS)('running models on $name', (target) => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await target.open();
  });
  afterAll(async () => warehouse?.close());

  it('rebuilds in order; a failing model keeps its previous table and stops everything after it', async () => {
    const dir = project({
      'staging/schema.yml': CHAIN_DOCS,
      'staging/a.sql': 'SELECT 1 AS x UNION ALL SELECT 2 AS x',
      'staging/b.sql': "SELECT x * 10 AS y FROM {{ ref('a') }}",
      'staging/c.sql': "SELECT y + 1 AS z FROM {{ ref('b') }}",
    });
    const first = await runTransform(warehouse, config, { modelsDir: dir, codeModels: [] });
    expect(first.built.map((model) => [model.name, model.rows])).toEqual([['a', 2], ['b', 2], ['c', 2]]);

    write(dir, { 'staging/a.sql': 'SELECT 1 AS x UNION ALL SELECT 2 AS x UNION ALL SELECT 3 AS x', 'staging/b.sql': "SELECT no_such_column AS y FROM {{ ref('a') }}" });
    await expect(runTransform(warehouse, config, { modelsDir: dir, codeModels: [] })).rejects.toThrow(
      /model b failed \(models\/staging\/b\.sql\)[\s\S]*1 model\(s\) were rebuilt; b and the models not rebuilt keep their previous tables/,
    );
    expect((await warehouse.query('SELECT x FROM a ORDER BY x')).map((row) => row.x)).toEqual([1, 2, 3]);
    expect((await warehouse.query('SELECT y FROM b ORDER BY y')).map((row) => row.y)).toEqual([10, 20]);
    expect((await warehouse.query('SELECT z FROM c ORDER BY z')).map((row) => row.z)).toEqual([11, 21]);

    await expect(runTransform(warehouse, config, { modelsDir: dir, codeModels: [], select: ['c'] })).resolves.toMatchObject({ built: [{ name: 'c', rows: 2 }] });
  });

  it('when one of two independent models fails, the other is still built and what reads either keeps its table', async () => {
    const docs = `models:
${['p', 'q_fine', 'q_wrong', 'r'].map((name) => `  - name: ${name}\n    description: A step.\n    columns: [{ name: n, description: A number. }]`).join('\n')}
`;
    const dir = project({
      'staging/schema.yml': docs,
      'staging/p.sql': 'SELECT 1 AS n',
      'staging/q_fine.sql': "SELECT n + 10 AS n FROM {{ ref('p') }}",
      'staging/q_wrong.sql': "SELECT n + 20 AS n FROM {{ ref('p') }}",
      'staging/r.sql': "SELECT n FROM {{ ref('q_fine') }} UNION ALL SELECT n FROM {{ ref('q_wrong') }}",
    });
    await runTransform(warehouse, config, { modelsDir: dir, codeModels: [] });
    write(dir, { 'staging/p.sql': 'SELECT 1 AS n UNION ALL SELECT 2 AS n', 'staging/q_wrong.sql': "SELECT no_such_column AS n FROM {{ ref('p') }}" });
    await expect(runTransform(warehouse, config, { modelsDir: dir, codeModels: [] })).rejects.toThrow(
      /model q_wrong failed[\s\S]*2 model\(s\) were rebuilt; q_wrong and the models not rebuilt keep their previous tables/,
    );
    const numbers = async (table: string) => (await warehouse.query(`SELECT n FROM ${table} ORDER BY n`)).map((row) => Number(row.n));
    expect(await numbers('q_fine')).toEqual([11, 12]);
    expect(await numbers('q_wrong')).toEqual([21]);
    expect(await numbers('r')).toEqual([11, 21]);
  });

  it('builds a model declared materialized: view as a view of its inputs, and swaps between table and view', async () => {
    const docs = (materialized: string) => `models:
  - name: v_a
    description: Numbers.
    columns: [{ name: x, description: A number. }]
  - name: v_b
    description: Tens.
    materialized: ${materialized}
    columns: [{ name: y, description: Ten times x., tests: [unique] }]
  - name: v_c
    description: Tens plus one.
    columns: [{ name: z, description: y + 1. }]
`;
    const dir = project({
      'staging/schema.yml': docs('view'),
      'staging/v_a.sql': 'SELECT 1 AS x UNION ALL SELECT 2 AS x',
      'staging/v_b.sql': "SELECT x * 10 AS y FROM {{ ref('v_a') }}",
      'staging/v_c.sql': "SELECT y + 1 AS z FROM {{ ref('v_b') }}",
    });
    const build = async (select?: string[]) =>
      (await runTransform(warehouse, config, { modelsDir: dir, codeModels: [], select })).built.map((model) => [model.name, model.rows]);
    const ys = async () => (await warehouse.query('SELECT y FROM v_b ORDER BY y')).map((row) => row.y);

    expect(await build()).toEqual([['v_a', 2], ['v_b', null], ['v_c', 2]]);
    expect((await runDataTests(warehouse, config, { modelsDir: dir, codeModels: [], select: ['v_b'] })).failed).toEqual([]);
    // A view is not rebuilt to see its input change: rebuilding v_a alone changes what v_b shows.
    write(dir, { 'staging/v_a.sql': 'SELECT 1 AS x UNION ALL SELECT 2 AS x UNION ALL SELECT 3 AS x' });
    await build(['v_a']);
    expect(await ys()).toEqual([10, 20, 30]);

    write(dir, { 'staging/schema.yml': docs('table') });
    expect(await build(['v_b'])).toEqual([['v_b', 3]]);
    write(dir, { 'staging/v_a.sql': 'SELECT 1 AS x' });
    await build(['v_a']);
    expect(await ys()).toEqual([10, 20, 30]);

    write(dir, { 'staging/schema.yml': docs('view') });
    expect(await build(['v_b', 'v_c'])).toEqual([['v_b', null], ['v_c', 1]]);
    expect(await ys()).toEqual([10]);
  });

  it('runs the declared data tests and reports every failure', async () => {
    const dir = project({
      'marts/schema.yml': `models:
  - name: checked
    description: Rows that break most tests.
    tests:
      - row_count: { min: 5 }
      - expression: "rate < 1"
      - unique_combination: [id, kind]
    columns:
      - { name: id, description: Id., tests: [unique, not_null, { relationships: { to: numbers, field: n } }] }
      - { name: kind, description: Kind., tests: [{ accepted_values: [x] }] }
      - { name: rate, description: Rate., tests: [{ range: { min: 0, max: 1 } }] }
      - { name: extra, description: Not in the table. }
  - name: numbers
    description: Numbers.
    columns: [{ name: n, description: A number. }]
`,
      'marts/checked.sql': "SELECT 1 AS id, 'x' AS kind, 2.0 AS rate UNION ALL SELECT 1 AS id, 'y' AS kind, 0.5 AS rate UNION ALL SELECT 7 AS id, 'x' AS kind, 0.25 AS rate",
      'marts/numbers.sql': 'SELECT 1 AS n',
    });
    await runTransform(warehouse, config, { modelsDir: dir, codeModels: [] });
    const summary = await runDataTests(warehouse, config, { modelsDir: dir, codeModels: [] });
    expect(summary.failed.map((failure) => [failure.model, failure.test, failure.failures])).toEqual([
      ['checked', 'documented_columns', 1],
      ['checked', 'unique(id)', 1],
      ['checked', 'relationships(id -> numbers.n)', 1],
      ['checked', 'accepted_values(kind)', 1],
      ['checked', 'range(rate)', 1],
      ['checked', 'row_count', 1],
      ['checked', 'expression(rate < 1)', 1],
    ]);
    expect(summary.failed[0].detail).toBe('documented but missing: extra');
    expect(summary.results.filter((result) => result.failures === 0).map((result) => result.test)).toEqual([
      'not_null(id)',
      'unique_combination(id, kind)',
      'documented_columns',
    ]);
  });
});

describe('the transform command and stage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-transform-'));
  const file = join(dir, 'w.duckdb');
  const scrm = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(process.cwd(), 'bin', 'scrm.js'), '--warehouse', file, ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  };

  beforeAll(async () => {
    const warehouse = await DuckDBWarehouse.open({ path: file });
    await initWarehouse(warehouse);
    await new Landing()
      .inbound('m1', '+85291234567', at('2026-11-23T01:00:00Z'), '¿cuánto cuesta?')
      .agent('m2', '+85291234567', at('2026-11-23T01:02:00Z'), 'ag1')
      .load(warehouse);
    await warehouse.close();
  });

  it('builds every model, lists them, and passes the data tests', async () => {
    const built = await scrm('transform', '--json');
    expect(built.code).toBe(0);
    const summary = JSON.parse(built.stdout);
    expect(summary.built.find((model: { name: string }) => model.name === 'mart_service_daily')).toMatchObject({ rows: 1, layer: 'marts' });

    const listed = await scrm('models', '--json');
    const models = JSON.parse(listed.stdout) as { name: string; depends_on: string[]; columns: unknown[] }[];
    expect(models.find((model) => model.name === 'mart_kpi_daily')?.depends_on).toEqual(expect.arrayContaining(['mart_service_daily', 'mart_quality_daily']));
    expect(models.every((model) => model.columns.length > 0)).toBe(true);

    const tested = await scrm('test-models');
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^(\d+) of \1 data tests passed on duckdb/m);
  });

  it('fails loudly, one line per failing test, when a mart breaks its tests', async () => {
    const warehouse = await DuckDBWarehouse.open({ path: file });
    await warehouse.exec('UPDATE mart_service_daily SET within_sla_rate = 2');
    await warehouse.close();
    const tested = await scrm('test-models', '--select', 'mart_service_daily');
    expect(tested.code).toBe(1);
    expect(tested.stderr).toContain('FAIL mart_service_daily: range(within_sla_rate): 1 failing row(s)');
    expect(tested.stderr).toContain('scrm: 1 data test(s) failed');
  });

  it('runs as the pipeline stage "transform", reporting progress and mart rows', async () => {
    const warehouse = await DuckDBWarehouse.open({ path: file });
    const progress: string[] = [];
    try {
      const summary = await transformStage.run(
        {
          warehouse,
          config,
          log: { info: (line) => progress.push(line), warn: () => {} },
          progress: { start: (total) => progress.push(`start ${total}`), advance: () => progress.push('advance'), finish: () => progress.push('finish') },
          signal: new AbortController().signal,
          run: { id: 'r1', pipeline: 'nightly', step: 'transform' },
        },
        { select: ['mart_service_daily+'] },
      );
      expect(summary.rowsOut).toBe(2); // mart_service_daily and mart_kpi_daily, one day each
      expect(progress).toEqual(['start 2', 'advance', 'advance', 'finish', expect.stringMatching(/^built 2 models \(2 marts\)/)]);
    } finally {
      await warehouse.close();
    }
  });
});
