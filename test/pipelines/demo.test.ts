import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { readPipelineFile } from '../../src/pipelines/definition.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import { runRecords } from '../../src/pipelines/run-history.js';
import { readRunLog } from '../../src/pipelines/run-log.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { projectPath } from '../../src/paths.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { runScrm } from '../harness/cli.js';

/** `npm run demo` is `scrm demo`: it must run the shipped `demo` pipeline, stage for stage, and log it. */
describe('scrm demo', () => {
  it('runs pipelines/demo.yaml on a generated data set and logs the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-demo-'));
    const warehousePath = join(dir, 'warehouse.duckdb');
    const configFile = join(dir, 'scrm.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        duckdb: { path: warehousePath },
        churn: { model_dir: join(dir, 'models') },
        reports: { out_dir: join(dir, 'reports') },
        pipelines: { locks_dir: join(dir, 'locks') },
        crm: { sinks: [{ type: 'file', path: join(dir, 'crm.ndjson') }] },
      }),
    );
    const result = await runScrm(['--config', configFile, 'demo', '--out', join(dir, 'demo'), '--customers', '250', '--days', '200']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);

    const shipped = readPipelineFile(projectPath('pipelines', 'demo.yaml'), loadConfig(configFile, {}, {}), new StageRegistry(STAGES));
    const warehouse = await DuckDBWarehouse.open({ path: warehousePath });
    try {
      const [run] = runRecords(await readRunLog(warehouse, { limit: 10 }));
      expect(run).toMatchObject({ pipeline: 'demo', status: 'succeeded', triggeredBy: 'manual' });
      expect(run.steps.map((step) => [step.step, step.status])).toEqual(shipped.steps.map((step) => [step.id, 'succeeded']));
      expect(result.stdout).toContain(`run log          npx scrm runs ${run.runId}`);
    } finally {
      await warehouse.close();
    }
  });
});
