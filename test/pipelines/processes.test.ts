import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/pipelines/run-history.js';
import { runRecords } from '../../src/pipelines/run-history.js';
import { readRunLog } from '../../src/pipelines/run-log.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { clickhouseUrl, openClickHouseServer } from '../harness/targets.js';
import { scrm, ScrmProcess, Workspace } from './helpers.js';

/** A duration as the summaries print it: 850 ms, 12.3 s, 4 m 05 s. */
const TOOK = String.raw`(?:\d+ ms|\d+\.\d s|\d+ m \d\d s)`;

async function rows(warehouse: Warehouse, table: string): Promise<number | 'missing'> {
  return (await warehouse.tableExists(table)) ? Number((await warehouse.query(`SELECT count(*) AS n FROM ${table}`))[0].n) : 'missing';
}

/** Real `scrm` processes on one DuckDB file: the lock, a crash, and a clean shutdown. */
describe('pipelines across processes', () => {
  async function runLog(workspace: Workspace, pipeline: string): Promise<RunRecord[]> {
    return workspace.withDuckDB(async (warehouse) => runRecords(await readRunLog(warehouse, { pipeline, limit: 10 })));
  }
  async function count(workspace: Workspace, table: string): Promise<number | 'missing'> {
    return workspace.withDuckDB((warehouse) => rows(warehouse, table));
  }

  it('exits 1 when a stage fails, printing a line per stage, the error and how to resume; exits 0 once resumed', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('flaky', {
      stages: [
        { stage: 'test-build-table', id: 'first', options: { table: 'first_part', rows: 3 } },
        { stage: 'test-fail', options: { when_env: 'SCRM_TEST_FAIL' } },
      ],
    });
    const failed = await scrm(workspace, ['run', 'flaky'], { SCRM_TEST_FAIL: '1' });
    expect(failed.code).toBe(1);
    const runId = /^flaky run (\S+) \(2 stages\)$/m.exec(failed.stdout)?.[1];
    expect(failed.stdout.split('\n')).toEqual([
      `flaky run ${runId} (2 stages)`,
      expect.stringMatching(new RegExp(`^  ✓ first +${TOOK}  3 in, 3 out, 0 rejected$`)),
      expect.stringMatching(new RegExp(`^  ✗ test-fail +${TOOK}  failed: planned failure \\(SCRM_TEST_FAIL is set\\)$`)),
      expect.stringMatching(new RegExp(`^flaky failed after ${TOOK}: test-fail: planned failure \\(SCRM_TEST_FAIL is set\\) \\(run ${runId}\\)$`)),
      '`scrm run flaky --resume` skips the 1 stage that succeeded',
      '',
    ]);

    const resumed = await scrm(workspace, ['run', 'flaky', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resuming run ${runId}: skipping first\n`);
    expect(resumed.stdout).toMatch(new RegExp(`^flaky succeeded in ${TOOK}: 1 row in, 1 out, 0 rejected \\(run \\S+\\)$`, 'm'));
    const [after, before] = await runLog(workspace, 'flaky');
    expect([before.runId, before.status, before.error]).toEqual([runId, 'failed', 'test-fail: planned failure (SCRM_TEST_FAIL is set)']);
    expect([after.status, after.resumedFrom]).toEqual(['succeeded', runId]);
  });

  it('lets one process run a pipeline at a time: a second refuses with exit code 3, a third waits its turn', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('slow', { stages: [{ stage: 'test-wait', options: { until_file: workspace.gate('slow') } }] });

    const first = new ScrmProcess(workspace, ['run', 'slow']);
    await first.waitFor(/test-wait: waiting/);
    const refused = new ScrmProcess(workspace, ['run', 'slow']);
    const waiting = new ScrmProcess(workspace, ['run', 'slow', '--wait']);

    const refusal = await refused.result();
    expect(refusal.code).toBe(3);
    expect(refusal.stderr).toMatch(new RegExp(`pipeline slow is already running: run \\S+ of slow \\(pid ${first.child.pid}, since [^)]+\\) \\(add --wait`));
    await waiting.waitFor(new RegExp(`waiting: run \\S+ of slow \\(pid ${first.child.pid}`));
    expect(JSON.parse(readFileSync(workspace.lockFile('slow'), 'utf8'))).toMatchObject({ pid: first.child.pid, pipeline: 'slow' });

    workspace.release('slow');
    const [a, c] = await Promise.all([first.result(), waiting.result()]);
    expect([a.code, c.code]).toEqual([0, 0]);
    expect(existsSync(workspace.lockFile('slow'))).toBe(false);

    const runs = await runLog(workspace, 'slow');
    expect(runs.map((run) => [run.pid, run.status])).toEqual([
      [waiting.child.pid, 'succeeded'],
      [first.child.pid, 'succeeded'],
    ]);
    expect(runs[0].startedAtMs).toBeGreaterThanOrEqual(runs[1].endedAtMs!);
  });

  it('recovers from a process killed mid-stage: the stale lock is released, the crash logged, and --resume finishes the job', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('crashy', {
      stages: [
        { stage: 'test-build-table', id: 'first', options: { table: 'first_part', rows: 3 } },
        { stage: 'test-wait', options: { until_file: workspace.gate('crashy') } },
        { stage: 'test-build-table', id: 'last', options: { table: 'last_part', rows: 2 } },
      ],
    });

    const doomed = new ScrmProcess(workspace, ['run', 'crashy']);
    await doomed.waitFor(/test-wait: waiting/);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const stale = JSON.parse(readFileSync(workspace.lockFile('crashy'), 'utf8'));
    expect(stale.pid).toBe(doomed.child.pid);

    workspace.release('crashy');
    const resumed = await scrm(workspace, ['run', 'crashy', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`released the lock of run ${stale.runId} of crashy (pid ${doomed.child.pid}`);
    expect(resumed.stderr).toContain('which is gone; marked abandoned in the run log: *, test-wait');
    expect(resumed.stdout).toContain(`resuming run ${stale.runId}: skipping first`);
    expect(existsSync(workspace.lockFile('crashy'))).toBe(false);

    const listing = await scrm(workspace, ['--json', 'runs', '--pipeline', 'crashy']);
    expect(listing.code).toBe(0);
    const [after, crashed] = JSON.parse(listing.stdout) as RunRecord[];
    const died = new RegExp(`^process ${doomed.child.pid} on \\S+ died; its lock was released by process \\d+$`);
    expect(crashed).toMatchObject({ runId: stale.runId, status: 'abandoned', error: expect.stringMatching(died) });
    expect(crashed.steps.map((s) => [s.step, s.status])).toEqual([['first', 'succeeded'], ['test-wait', 'abandoned']]);
    expect(crashed.steps[1].error).toMatch(died);
    expect(after).toMatchObject({ status: 'succeeded', resumedFrom: stale.runId });
    expect(after.steps.map((s) => [s.step, s.status])).toEqual([['first', 'skipped'], ['test-wait', 'succeeded'], ['last', 'succeeded']]);
    expect([await count(workspace, 'first_part'), await count(workspace, 'last_part')]).toEqual([3, 2]);
  });

  it('on SIGTERM abandons a stage at its safe point before its swap, exits 143, and the next run completes', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('term', {
      stages: [
        { stage: 'test-build-table', id: 'swap', options: { table: 'swapped', rows: 4, until_file: workspace.gate('term') } },
        { stage: 'test-build-table', id: 'after', options: { table: 'after_swap', rows: 1 } },
      ],
    });
    const run = new ScrmProcess(workspace, ['run', 'term']);
    await run.waitFor(/swap: staged/);
    run.child.kill('SIGTERM');
    const stopped = await run.result();

    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toContain('SIGTERM: stopping once the running stage finishes or reaches a safe point');
    expect(stopped.stdout).toMatch(/term abandoned after .*: swap: interrupted by SIGTERM/);
    expect(existsSync(workspace.lockFile('term'))).toBe(false);
    const [abandoned] = await runLog(workspace, 'term');
    expect(abandoned.status).toBe('abandoned');
    expect(abandoned.steps.map((s) => [s.step, s.status, s.error])).toEqual([['swap', 'abandoned', 'interrupted by SIGTERM']]);
    expect([await count(workspace, 'swapped'), await count(workspace, 'after_swap')]).toEqual(['missing', 'missing']);

    workspace.release('term');
    expect((await scrm(workspace, ['run', 'term'])).code).toBe(0);
    expect([await count(workspace, 'swapped'), await count(workspace, 'after_swap')]).toEqual([4, 1]);
  });

  it('on SIGINT (Ctrl-C) stops the running stage cleanly and exits 130', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('ctrlc', { stages: [{ stage: 'test-wait', options: { until_file: workspace.gate('never') } }, 'init'] });
    const run = new ScrmProcess(workspace, ['run', 'ctrlc']);
    await run.waitFor(/test-wait: waiting/);
    run.child.kill('SIGINT');
    const stopped = await run.result();

    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('SIGINT: stopping once the running stage finishes or reaches a safe point');
    expect(stopped.stdout).toMatch(new RegExp(`^ctrlc abandoned after ${TOOK}: test-wait: interrupted by SIGINT \\(run \\S+\\)$`, 'm'));
    expect(existsSync(workspace.lockFile('ctrlc'))).toBe(false);
    const [logged] = await runLog(workspace, 'ctrlc');
    expect(logged.steps.map((s) => [s.step, s.status, s.error])).toEqual([['test-wait', 'abandoned', 'interrupted by SIGINT']]);
  });

  it('on ClickHouse: a process killed between staging and swap leaves no table half-written, and --resume builds it once', async () => {
    const database = `t_${randomBytes(6).toString('hex')}`;
    const warehouse = await openClickHouseServer(database);
    try {
      await initWarehouse(warehouse);
      const workspace = new Workspace({ engine: 'clickhouse' });
      const env = { SCRM_CLICKHOUSE_URL: clickhouseUrl(), SCRM_CLICKHOUSE_DATABASE: database };
      workspace.writePipeline('chcrash', {
        stages: [
          { stage: 'test-build-table', id: 'first', options: { table: 'first_part', rows: 3 } },
          { stage: 'test-build-table', id: 'swap', options: { table: 'swapped', rows: 4, until_file: workspace.gate('chcrash'), abortable: false } },
          { stage: 'test-build-table', id: 'last', options: { table: 'last_part', rows: 2 } },
        ],
      });
      const doomed = new ScrmProcess(workspace, ['run', 'chcrash'], env);
      await doomed.waitFor(/swap: staged/);
      doomed.child.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      // Killed mid-stage: its staging rows are written, the table it builds is not there at all.
      expect([await rows(warehouse, 'swapped__staging'), await rows(warehouse, 'swapped')]).toEqual([4, 'missing']);
      const stale = JSON.parse(readFileSync(workspace.lockFile('chcrash'), 'utf8')) as { runId: string };

      workspace.release('chcrash');
      const resumed = await scrm(workspace, ['--json', 'run', 'chcrash', '--resume'], env);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`released the lock of run ${stale.runId} of chcrash (pid ${doomed.child.pid}`);
      expect(resumed.stderr).toContain('which is gone; marked abandoned in the run log: *, swap');
      const after = JSON.parse(resumed.stdout) as RunRecord;
      expect(after).toMatchObject({ status: 'succeeded', resumedFrom: stale.runId });
      expect(after.steps.map((s) => [s.step, s.status])).toEqual([['first', 'skipped'], ['swap', 'succeeded'], ['last', 'succeeded']]);
      // Stages are idempotent: the leftover staging rows were replaced, not added to.
      expect([await rows(warehouse, 'first_part'), await rows(warehouse, 'swapped'), await rows(warehouse, 'last_part')]).toEqual([3, 4, 2]);

      const [, crashed] = runRecords(await readRunLog(warehouse, { pipeline: 'chcrash', limit: 10 }));
      expect(crashed).toMatchObject({ runId: stale.runId, status: 'abandoned', error: expect.stringMatching(new RegExp(`^process ${doomed.child.pid} on \\S+ died`)) });
      expect(crashed.steps.map((s) => [s.step, s.status])).toEqual([['first', 'succeeded'], ['swap', 'abandoned']]);
    } finally {
      await warehouse.close();
    }
  });

  it('on SIGTERM lets a stage that cannot stop finish, then starts nothing more', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('stubborn', {
      stages: [
        { stage: 'test-build-table', id: 'whole', options: { table: 'whole', rows: 4, until_file: workspace.gate('stubborn'), abortable: false } },
        { stage: 'test-build-table', id: 'after', options: { table: 'after_whole', rows: 1 } },
      ],
    });
    const run = new ScrmProcess(workspace, ['run', 'stubborn']);
    await run.waitFor(/whole: staged/);
    run.child.kill('SIGTERM');
    await run.waitFor(/SIGTERM: stopping/);
    workspace.release('stubborn');
    const stopped = await run.result();

    expect(stopped.code).toBe(143);
    const [logged] = await runLog(workspace, 'stubborn');
    expect(logged).toMatchObject({ status: 'abandoned', error: 'interrupted by SIGTERM before after' });
    expect(logged.steps.map((s) => [s.step, s.status])).toEqual([['whole', 'succeeded']]);
    expect([await count(workspace, 'whole'), await count(workspace, 'after_whole')]).toEqual([4, 'missing']);
  });
});
