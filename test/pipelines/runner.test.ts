import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/pipelines/definition.js';
import { LockedError } from '../../src/pipelines/lock.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import { runRecords } from '../../src/pipelines/run-history.js';
import { readRunLog } from '../../src/pipelines/run-log.js';
import { runPipeline, type RunnerEnvironment } from '../../src/pipelines/runner.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { TEST_STAGES } from './fixtures/test-stages.js';
import { borrowed, RecordingReporter, Workspace } from './helpers.js';

const registry = new StageRegistry([...STAGES, ...TEST_STAGES]);

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(TARGETS)('pipeline runner on $name', (target) => {
  const workspace = new Workspace();
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });
  afterAll(async () => {
    await warehouse.close();
  });

  const environment = (reporter = new RecordingReporter()): RunnerEnvironment => ({
    config: workspace.config(),
    openWarehouse: async () => borrowed(warehouse),
    reporter,
  });
  const pipeline = (name: string) => loadPipeline(workspace.config(), registry, name);
  const count = async (table: string) => Number((await warehouse.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('runs the stages in order and logs a start and an end row for each', async () => {
    workspace.writePipeline('build', {
      stages: ['init', { stage: 'test-build-table', options: { table: 'built', rows: 5 } }, { stage: 'test-wait', id: 'settle', options: { ms: 5 } }],
    });
    const run = await runPipeline(environment(), pipeline('build'));

    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => [s.step, s.status, s.rowsOut])).toEqual([
      ['init', 'succeeded', 0],
      ['test-build-table', 'succeeded', 5],
      ['settle', 'succeeded', 0],
    ]);
    expect(await count('built')).toBe(5);

    const rows = await readRunLog(warehouse, { pipeline: 'build', limit: 10 });
    expect(rows).toHaveLength(8);
    for (const [stage, index] of [['*', 0], ['init', 1], ['test-build-table', 2], ['settle', 3]] as const) {
      const own = rows.filter((row) => row.stage === stage);
      expect(own.map((row) => row.status).sort()).toEqual(['running', 'succeeded']);
      expect(new Set(own.map((row) => row.started_at_ms)).size).toBe(1);
      for (const row of own) {
        expect(row).toMatchObject({ run_id: run.runId, pipeline: 'build', stage_index: index, host: hostname(), pid: process.pid, triggered_by: 'manual' });
      }
      const end = own.find((row) => row.status === 'succeeded')!;
      expect(end.ended_at_ms).toBeGreaterThanOrEqual(end.started_at_ms);
      expect(own.find((row) => row.status === 'running')!.ended_at_ms).toBeNull();
    }
    const built = rows.find((row) => row.stage === 'test-build-table' && row.status === 'succeeded')!;
    expect([built.rows_in, built.rows_out, built.rows_rejected, JSON.parse(built.detail!)]).toEqual([5, 5, 0, { table: 'built' }]);
    // The log read back folds into exactly what the runner returned.
    expect(runRecords(rows)).toEqual([run]);
  });

  it('stops at a failed stage, logs its error, and the next run resumes after what succeeded', async () => {
    const failVar = `SCRM_TEST_FAIL_${target.name.replace('-', '_').toUpperCase()}`;
    workspace.writePipeline('flaky', {
      stages: [
        { stage: 'test-build-table', id: 'first', options: { table: 'first_part', rows: 3 } },
        { stage: 'test-fail', options: { when_env: failVar } },
        { stage: 'test-build-table', id: 'last', options: { table: 'last_part', rows: 2 } },
      ],
    });
    process.env[failVar] = '1';
    const failed = await runPipeline(environment(), pipeline('flaky'));
    delete process.env[failVar];

    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`test-fail: planned failure (${failVar} is set)`);
    expect(failed.steps.map((s) => [s.step, s.status])).toEqual([['first', 'succeeded'], ['test-fail', 'failed']]);
    expect(await warehouse.tableExists('last_part')).toBe(false);

    const reporter = new RecordingReporter();
    const resumed = await runPipeline(environment(reporter), pipeline('flaky'), { resume: true });
    expect(resumed).toMatchObject({ status: 'succeeded', resumedFrom: failed.runId });
    expect(resumed.steps.map((s) => [s.step, s.status])).toEqual([['first', 'skipped'], ['test-fail', 'succeeded'], ['last', 'succeeded']]);
    expect(reporter.events).toContainEqual({ kind: 'resume', pipeline: 'flaky', from: failed.runId, skipping: ['first'] });

    const history = runRecords(await readRunLog(warehouse, { pipeline: 'flaky', limit: 5 }));
    expect(history.map((run) => [run.runId, run.status, run.error])).toEqual([
      [resumed.runId, 'succeeded', null],
      [failed.runId, 'failed', failed.error],
    ]);
    expect(history[1].steps[1].error).toBe(`planned failure (${failVar} is set)`);

    // Nothing left to resume: every stage runs again, and running them again changes nothing.
    const again = await runPipeline(environment(), pipeline('flaky'), { resume: true });
    expect(again.resumedFrom).toBeNull();
    expect(again.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect([await count('first_part'), await count('last_part')]).toEqual([3, 2]);
  });

  it('lets the running stage stop cleanly on shutdown and starts no stage after it', async () => {
    workspace.writePipeline('stoppable', {
      stages: [
        { stage: 'test-build-table', options: { table: 'never_swapped', rows: 4, until_file: workspace.gate('never') } },
        { stage: 'test-build-table', id: 'after', options: { table: 'after_stop', rows: 1 } },
      ],
    });
    const reporter = new RecordingReporter();
    const controller = new AbortController();
    const running = runPipeline(environment(reporter), pipeline('stoppable'), { signal: controller.signal });
    await until(() => reporter.messages.includes('test-build-table: staged'));
    controller.abort(new Error('interrupted by SIGTERM'));
    const run = await running;

    expect(run).toMatchObject({ status: 'abandoned', error: 'test-build-table: interrupted by SIGTERM' });
    expect(run.steps.map((s) => [s.step, s.status])).toEqual([['test-build-table', 'abandoned']]);
    // Abandoned before its swap: the table was never half-written into place.
    expect(await warehouse.tableExists('never_swapped')).toBe(false);
    expect(await warehouse.tableExists('after_stop')).toBe(false);
    expect(existsSync(workspace.lockFile('stoppable'))).toBe(false);
    const [logged] = runRecords(await readRunLog(warehouse, { runId: run.runId, limit: 1 }));
    expect(logged).toEqual(run);
  });

  it('refuses a second run of a running pipeline, and runs it after the first with wait', async () => {
    workspace.writePipeline('single', { stages: [{ stage: 'test-wait', options: { until_file: workspace.gate('single') } }] });
    const reporter = new RecordingReporter();
    const first = runPipeline(environment(reporter), pipeline('single'));
    await until(() => reporter.messages.includes('test-wait: waiting'));

    await expect(runPipeline(environment(), pipeline('single'))).rejects.toThrow(LockedError);
    await expect(runPipeline(environment(), pipeline('single'))).rejects.toThrow(/pipeline single is already running: run \S+ of single \(pid \d+/);
    const waiter = new RecordingReporter();
    const second = runPipeline(environment(waiter), pipeline('single'), { wait: true });
    await until(() => waiter.events.some((event) => event.kind === 'lock-wait'));
    await expect(runPipeline(environment(), pipeline('single'), { wait: 300 })).rejects.toThrow(LockedError);

    workspace.release('single');
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(b.startedAtMs).toBeGreaterThanOrEqual(a.endedAtMs!);
    const runs = runRecords(await readRunLog(warehouse, { pipeline: 'single', limit: 10 }));
    expect(runs.map((run) => run.runId)).toEqual([b.runId, a.runId]);
  });
});
