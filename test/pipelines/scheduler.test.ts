import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/pipelines/lock.js';
import { runRecords, type RunRecord } from '../../src/pipelines/run-history.js';
import { readRunLog } from '../../src/pipelines/run-log.js';
import { ScrmProcess, Workspace } from './helpers.js';

interface SchedulerLine {
  event: string;
  pipeline?: string;
  at?: string;
  reason?: string;
  timezone?: string;
  signal?: string;
  run?: RunRecord;
}

function lines(output: string): SchedulerLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SchedulerLine);
}

describe('scrm schedule', () => {
  it('fires pipelines on seconds-level cron schedules, runs them one at a time in firing order, and stops cleanly on SIGTERM', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('every2', { schedule: '*/2 * * * * *', stages: [{ stage: 'test-wait', options: { ms: 300 } }] });
    workspace.writePipeline('every3', { schedule: '*/3 * * * * *', stages: [{ stage: 'test-wait', options: { ms: 300 } }] });
    workspace.writePipeline('held', { schedule: '* * * * * *', stages: [{ stage: 'test-wait', options: { ms: 0 } }] });
    workspace.writePipeline('on-demand', { stages: ['init'] });
    // Another live process (this test) holds `held` throughout: the scheduler must skip it, not wait.
    const lock = await acquireLock(workspace.lockFile('held'), { pipeline: 'held', runId: 'held-by-test' });

    const scheduler = new ScrmProcess(workspace, ['--json', 'schedule']);
    let exit;
    try {
      await scheduler.waitFor(/"event":"started"/);
      const finished = () => lines(scheduler.stdout).filter((line) => line.event === 'finished');
      const enough = () => {
        const done = finished();
        const collided = new Set(done.map((line) => line.at)).size < done.length;
        return collided && done.filter((l) => l.pipeline === 'every2').length >= 3 && done.filter((l) => l.pipeline === 'every3').length >= 2;
      };
      const deadline = Date.now() + 40_000;
      while (!enough() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      scheduler.child.kill('SIGTERM');
      exit = await scheduler.result();
      // No lock is left behind but the one this test holds.
      expect(readdirSync(workspace.locksDir)).toEqual(['held.lock']);
    } finally {
      lock.release();
    }
    expect(exit.code, exit.stderr).toBe(0);

    const events = lines(exit.stdout);
    expect(events.at(-1)).toEqual({ event: 'stopped', signal: 'SIGTERM' });
    expect(events.filter((e) => e.event === 'scheduled').map((e) => [e.pipeline, e.timezone])).toEqual([
      ['every2', 'Asia/Hong_Kong'],
      ['every3', 'Asia/Hong_Kong'],
      ['held', 'Asia/Hong_Kong'],
    ]);

    const runs = events.filter((e) => e.event === 'finished') as Required<Pick<SchedulerLine, 'pipeline' | 'at' | 'run'>>[];
    expect(runs.filter((r) => r.pipeline === 'every2').length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((r) => r.pipeline === 'every3').length).toBeGreaterThanOrEqual(2);
    for (const { pipeline, at, run } of runs) {
      const second = new Date(at).getUTCSeconds();
      expect(second % (pipeline === 'every2' ? 2 : 3), `${pipeline} fired at ${at}`).toBe(0);
      expect(run.triggeredBy).toBe('schedule');
      expect(run.startedAtMs).toBeGreaterThanOrEqual(Date.parse(at));
    }
    // Every run but one stopped by SIGTERM succeeded.
    expect(runs.slice(0, -1).every(({ run }) => run.status === 'succeeded')).toBe(true);
    // One run at a time, in the order the schedule fired them, even when two fired together.
    const byStart = [...runs].sort((a, b) => a.run.startedAtMs - b.run.startedAtMs);
    expect(new Set(runs.map((r) => r.at)).size).toBeLessThan(runs.length);
    for (let i = 1; i < byStart.length; i++) {
      expect(Date.parse(byStart[i].at)).toBeGreaterThanOrEqual(Date.parse(byStart[i - 1].at));
      expect(byStart[i].run.startedAtMs).toBeGreaterThanOrEqual(byStart[i - 1].run.endedAtMs!);
    }

    // `held` never ran: each firing found the lock, unless it came while its previous firing still
    // waited in the queue behind another pipeline, or the loaded machine made node-cron miss it.
    const skipped = events.filter((e) => e.event === 'skipped' && e.pipeline === 'held');
    const locked = new RegExp(`^pipeline held is already running: run held-by-test of held \\(pid ${process.pid}\\b`);
    expect(skipped.filter((e) => locked.test(e.reason ?? '')).length).toBeGreaterThanOrEqual(2);
    const otherReasons = ['its previous firing is still waiting for another pipeline to finish', 'the process was too busy to fire on time'];
    expect(skipped.filter((e) => !locked.test(e.reason ?? '') && !otherReasons.includes(e.reason ?? ''))).toEqual([]);
    expect(runs.some((r) => r.pipeline === 'held')).toBe(false);
    expect(events.some((e) => e.pipeline === 'on-demand')).toBe(false);

    // The run log holds the same runs, none left running.
    const logged = await workspace.withDuckDB(async (warehouse) => runRecords(await readRunLog(warehouse, { limit: 100 })));
    expect(logged.map((run) => run.runId).sort()).toEqual(runs.map((r) => r.run.runId).sort());
    expect(logged.filter((run) => run.status === 'running')).toEqual([]);
  });
});
