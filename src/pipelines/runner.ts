import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Pipeline, PipelineStep } from './definition.js';
import { acquireLock, lockFile, type LockHolder } from './lock.js';
import { currentProcess } from './process.js';
import { openRows, runRecords, stepTotals, type RunRecord, type StepRecord } from './run-history.js';
import { appendRunLog, assertRunLogExists, readRunLog, RUN_STAGE, type RunLogRow, type RunStatus, type Trigger } from './run-log.js';
import type { Logger, Progress, StageSummary } from './stage.js';

/** What happens during a run, for whoever shows it (a terminal, a scheduler log, nothing in tests). */
export type RunEvent =
  | { kind: 'lock-wait'; pipeline: string; holder: LockHolder }
  | { kind: 'stale-lock'; pipeline: string; holder: LockHolder; abandoned: string[] }
  | { kind: 'resume'; pipeline: string; from: string | null; skipping: string[] }
  | { kind: 'run-start'; pipeline: string; runId: string; steps: number }
  | { kind: 'step-start'; pipeline: string; runId: string; step: string; index: number; steps: number }
  | { kind: 'step-end'; pipeline: string; runId: string; result: StepRecord };

export interface RunReporter {
  event(event: RunEvent): void;
  /** Where one step's log lines and progress go. */
  console(pipeline: string, step: string): { log: Logger; progress: Progress };
}

export interface RunnerEnvironment {
  config: Config;
  /** Opened once the lock is held, closed before it is released. */
  openWarehouse(): Promise<Warehouse>;
  reporter: RunReporter;
}

export interface RunRequest {
  trigger?: Trigger;
  /** Skip the steps that already succeeded in the pipeline's latest run, if that run did not succeed. */
  resume?: boolean;
  /** Wait for a run of the same pipeline in another process: `true` without limit, or milliseconds. */
  wait?: boolean | number;
  /** Aborted on shutdown: the running stage finishes or stops cleanly, and no further stage starts. */
  signal?: AbortSignal;
}

/**
 * Runs a pipeline's stages in order under its lock, logging each stage's start and end to
 * `pipeline_runs`. A failed or abandoned stage ends the run; the next run starts again from the
 * top (stages are idempotent) or, with `resume`, after the stages that already succeeded.
 */
export async function runPipeline(env: RunnerEnvironment, pipeline: Pipeline, request: RunRequest = {}): Promise<RunRecord> {
  const signal = request.signal ?? new AbortController().signal;
  const runId = newRunId();
  const lock = await acquireLock(
    lockFile(resolve(env.config.pipelines.locks_dir), pipeline.name),
    { pipeline: pipeline.name, runId },
    { wait: request.wait, signal, onWait: (holder) => env.reporter.event({ kind: 'lock-wait', pipeline: pipeline.name, holder }) },
  );
  try {
    const warehouse = await env.openWarehouse();
    try {
      await assertRunLogExists(warehouse);
      if (lock.released) await abandonDeadRun(warehouse, lock.released, env.reporter);
      const resumed = request.resume ? await resumePoint(warehouse, pipeline, env.reporter) : undefined;
      const run = new PipelineRun(env, warehouse, pipeline, signal, {
        runId,
        trigger: request.trigger ?? 'manual',
        resumedFrom: resumed?.from ?? null,
      });
      return await run.execute(resumed?.done ?? new Set());
    } finally {
      await warehouse.close();
    }
  } finally {
    lock.release();
  }
}

interface RunIdentity {
  runId: string;
  trigger: Trigger;
  resumedFrom: string | null;
}

class PipelineRun {
  private readonly self = currentProcess();

  constructor(
    private readonly env: RunnerEnvironment,
    private readonly warehouse: Warehouse,
    private readonly pipeline: Pipeline,
    private readonly signal: AbortSignal,
    private readonly identity: RunIdentity,
  ) {}

  async execute(done: ReadonlySet<string>): Promise<RunRecord> {
    const { runId } = this.identity;
    const pipeline = this.pipeline.name;
    const startedAtMs = Date.now();
    await this.log(RUN_STAGE, 0, { status: 'running', started_at_ms: startedAtMs });
    this.env.reporter.event({ kind: 'run-start', pipeline, runId, steps: this.pipeline.steps.length });

    const steps: StepRecord[] = [];
    let status: RunStatus = 'succeeded';
    let error: string | null = null;
    for (const [i, step] of this.pipeline.steps.entries()) {
      if (this.signal.aborted) {
        status = 'abandoned';
        error = `${interruption(this.signal)} before ${step.id}`;
        break;
      }
      const result = done.has(step.id) ? await this.skip(step, i + 1) : await this.runStep(step, i + 1);
      steps.push(result);
      this.env.reporter.event({ kind: 'step-end', pipeline, runId, result });
      if (result.status === 'failed' || result.status === 'abandoned') {
        status = result.status;
        error = `${step.id}: ${result.error}`;
        break;
      }
    }

    const endedAtMs = Date.now();
    await this.log(RUN_STAGE, 0, { status, started_at_ms: startedAtMs, ended_at_ms: endedAtMs, error });
    return {
      runId,
      pipeline,
      status,
      startedAtMs,
      endedAtMs,
      triggeredBy: this.identity.trigger,
      resumedFrom: this.identity.resumedFrom,
      host: this.self.host,
      pid: this.self.pid,
      error,
      ...stepTotals(steps),
      steps,
    };
  }

  private async runStep(step: PipelineStep, index: number): Promise<StepRecord> {
    const startedAtMs = Date.now();
    await this.log(step.id, index, { status: 'running', started_at_ms: startedAtMs });
    this.env.reporter.event({
      kind: 'step-start',
      pipeline: this.pipeline.name,
      runId: this.identity.runId,
      step: step.id,
      index,
      steps: this.pipeline.steps.length,
    });
    const { log, progress } = this.env.reporter.console(this.pipeline.name, step.id);
    let summary: StageSummary = { rowsIn: 0, rowsOut: 0, rowsRejected: 0 };
    let status: StepRecord['status'] = 'succeeded';
    let error: string | null = null;
    try {
      summary = await step.stage.run(
        {
          warehouse: this.warehouse,
          config: this.env.config,
          log,
          progress,
          signal: this.signal,
          run: { id: this.identity.runId, pipeline: this.pipeline.name, step: step.id },
        },
        step.options,
      );
    } catch (failure) {
      // After a shutdown request any failure is the stage stopping where it stood, not a fault.
      status = this.signal.aborted ? 'abandoned' : 'failed';
      error = this.signal.aborted ? interruption(this.signal) : ((failure as Error).message ?? String(failure));
    } finally {
      progress.finish();
    }
    const endedAtMs = Date.now();
    const detail = summary.detail ?? null;
    await this.log(step.id, index, {
      status,
      started_at_ms: startedAtMs,
      ended_at_ms: endedAtMs,
      rows_in: summary.rowsIn,
      rows_out: summary.rowsOut,
      rows_rejected: summary.rowsRejected,
      error,
      detail: detail ? JSON.stringify(detail) : null,
    });
    return {
      step: step.id,
      index,
      status,
      startedAtMs,
      endedAtMs,
      rowsIn: summary.rowsIn,
      rowsOut: summary.rowsOut,
      rowsRejected: summary.rowsRejected,
      error,
      detail,
    };
  }

  private async skip(step: PipelineStep, index: number): Promise<StepRecord> {
    const at = Date.now();
    const detail = { succeeded_in: this.identity.resumedFrom };
    await this.log(step.id, index, { status: 'skipped', started_at_ms: at, ended_at_ms: at, detail: JSON.stringify(detail) });
    return { step: step.id, index, status: 'skipped', startedAtMs: at, endedAtMs: at, rowsIn: 0, rowsOut: 0, rowsRejected: 0, error: null, detail };
  }

  private async log(stage: string, index: number, row: Partial<RunLogRow> & Pick<RunLogRow, 'status' | 'started_at_ms'>): Promise<void> {
    await appendRunLog(this.warehouse, [
      {
        run_id: this.identity.runId,
        pipeline: this.pipeline.name,
        stage,
        stage_index: index,
        ended_at_ms: null,
        rows_in: 0,
        rows_out: 0,
        rows_rejected: 0,
        error: null,
        host: this.self.host,
        pid: this.self.pid,
        triggered_by: this.identity.trigger,
        resumed_from: this.identity.resumedFrom,
        detail: null,
        ...row,
      },
    ]);
  }
}

/** Closes what a dead process left `running` in the log, so the run log tells the truth. */
async function abandonDeadRun(warehouse: Warehouse, holder: LockHolder, reporter: RunReporter): Promise<void> {
  const rows = await readRunLog(warehouse, { pipeline: holder.pipeline, runId: holder.runId, limit: 1 });
  const open = openRows(rows);
  const endedAtMs = Date.now();
  const error = `process ${holder.pid} on ${holder.host} died; its lock was released by process ${process.pid}`;
  await appendRunLog(
    warehouse,
    open.map((row) => ({ ...row, status: 'abandoned', ended_at_ms: endedAtMs, error })),
  );
  reporter.event({ kind: 'stale-lock', pipeline: holder.pipeline, holder, abandoned: open.map((row) => row.stage) });
}

/** The steps of the pipeline's latest run that need not run again, when that run did not succeed. */
async function resumePoint(warehouse: Warehouse, pipeline: Pipeline, reporter: RunReporter): Promise<{ from: string; done: Set<string> } | undefined> {
  const [latest] = runRecords(await readRunLog(warehouse, { pipeline: pipeline.name, limit: 1 }));
  if (!latest || latest.status === 'succeeded' || latest.status === 'running') {
    reporter.event({ kind: 'resume', pipeline: pipeline.name, from: null, skipping: [] });
    return undefined;
  }
  const ids = new Set(pipeline.steps.map((step) => step.id));
  const done = new Set(latest.steps.filter((s) => (s.status === 'succeeded' || s.status === 'skipped') && ids.has(s.step)).map((s) => s.step));
  reporter.event({ kind: 'resume', pipeline: pipeline.name, from: latest.runId, skipping: [...done] });
  return { from: latest.runId, done };
}

/** Sortable and readable: 20260105T020000Z-a1b2c3. */
function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z-${randomBytes(3).toString('hex')}`;
}

function interruption(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'interrupted';
}
