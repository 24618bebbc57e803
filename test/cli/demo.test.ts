import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/paths.js';
import { readPipelineFile } from '../../src/pipelines/definition.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import { runRecords } from '../../src/pipelines/run-history.js';
import { readRunLog } from '../../src/pipelines/run-log.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { runScrm as scrm } from '../harness/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scrm-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `outputs:` block the demo prints last: label → what follows it. */
function outputs(stdout: string): Map<string, string> {
  const block = stdout.slice(stdout.indexOf('\noutputs:\n') + '\noutputs:\n'.length);
  return new Map(block.trimEnd().split('\n').map((line) => [line.slice(2, 18).trim(), line.slice(19).trim()]));
}

/** `npm run demo` is `scrm demo`, the shipped `demo` pipeline: here on a small data set, with every output in a temporary folder. */
describe('scrm demo', () => {
  const config = join(dir, 'scrm.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      reports: { out_dir: join(dir, 'reports') },
      churn: { model_dir: join(dir, 'models') },
      pipelines: { locks_dir: join(dir, 'locks') },
      crm: { sinks: [{ type: 'file', path: join(dir, 'crm', 'crm-sync.ndjson') }] },
    }),
  );
  const args = ['--config', config, '--warehouse', join(dir, 'warehouse.duckdb'), 'demo', '--out', join(dir, 'demo'), '--customers', '120', '--days', '240'];

  it('generates the data, runs every stage and prints where each output is', async () => {
    const result = await scrm(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^generating 120 customers over 240 days into /);
    for (const stage of ['init', 'ingest', 'transform', 'churn', 'reports', 'alerts', 'crm-sync']) expect(result.stdout).toMatch(new RegExp(`✓ ${stage} `));
    expect(result.stdout).toMatch(/demo succeeded in /);
    const printed = outputs(result.stdout);
    expect([...printed.keys()]).toEqual(['warehouse', 'demo data', 'churn model', 'weekly workbook', 'weekly HTML', 'charts', 'alerts', 'CRM writeback', 'run log']);
    const path = (label: string) => printed.get(label)!.split(' ')[0];
    expect(path('warehouse')).toBe(join(dir, 'warehouse.duckdb'));
    expect(path('demo data')).toBe(join(dir, 'demo'));
    expect(path('churn model').startsWith(join(dir, 'models'))).toBe(true);
    expect(path('weekly workbook')).toMatch(/\.xlsx$/);
    expect(path('weekly HTML')).toMatch(/index\.html$/);
    expect(path('CRM writeback')).toBe(join(dir, 'crm', 'crm-sync.ndjson'));
    for (const label of ['warehouse', 'demo data', 'churn model', 'weekly workbook', 'weekly HTML', 'charts', 'CRM writeback']) expect(existsSync(path(label)), label).toBe(true);
    expect(readFileSync(path('CRM writeback'), 'utf8').split('\n').length).toBeGreaterThan(10);
    expect(printed.get('alerts')).toMatch(/^[1-9]\d* found, in table alerts$/);
    const runs = await scrm(['--config', config, '--warehouse', join(dir, 'warehouse.duckdb'), ...printed.get('run log')!.split(' ').slice(2)]);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/succeeded/);

    // It is the shipped pipelines/demo.yaml that ran, stage for stage, and the run log says so.
    const shipped = readPipelineFile(projectPath('pipelines', 'demo.yaml'), loadConfig(config, {}, {}), new StageRegistry(STAGES));
    const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'warehouse.duckdb') });
    try {
      const [run] = runRecords(await readRunLog(warehouse, { limit: 10 }));
      expect(run).toMatchObject({ pipeline: 'demo', status: 'succeeded', triggeredBy: 'manual' });
      expect(run.steps.map((step) => [step.step, step.status])).toEqual(shipped.steps.map((step) => [step.id, 'succeeded']));
      expect(result.stdout).toContain(`run log          npx scrm runs ${run.runId}`);
    } finally {
      await warehouse.close();
    }
  });

  it('writes every file in a format ingest reads: the only rejects are the orders planted unreadable', async () => {
    const truth = JSON.parse(readFileSync(join(dir, 'demo', 'ground-truth.json'), 'utf8'));
    const sql = "select distinct source, split_part(raw, ',', 1) as order_id from ingest_rejects order by order_id";
    const rejects = await scrm(['--config', config, '--warehouse', join(dir, 'warehouse.duckdb'), 'query', sql, '--format', 'json']);
    const planted = [...truth.expected_rejects.orders_with_unreadable_phone].sort();
    expect(planted.length).toBeGreaterThan(0);
    expect(JSON.parse(rejects.stdout)).toEqual(planted.map((id) => ({ source: 'orders', order_id: id })));
  });

  it('runs again on the data set it left, loading nothing twice', async () => {
    const result = await scrm(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/generating/);
    expect(result.stdout).toMatch(/✓ ingest .* 0 out,/);
    expect(result.stdout).toMatch(/demo succeeded in /);
  });
});
