import { createTask, type ScheduledTask } from 'node-cron';
import type { Pipeline } from './definition.js';
import { LockedError } from './lock.js';
import type { RunRecord } from './run-history.js';

export type SchedulerEvent =
  | { kind: 'scheduled'; pipeline: string; schedule: string; timezone: string; next: Date | null }
  | { kind: 'queued'; pipeline: string; at: Date }
  | { kind: 'skipped'; pipeline: string; at: Date; reason: string }
  | { kind: 'finished'; pipeline: string; at: Date; run: RunRecord }
  | { kind: 'error'; pipeline: string; at: Date; error: Error }
  | { kind: 'warning'; message: string };

export interface SchedulerOptions {
  /** Runs one pipeline now; the signal is aborted when the scheduler stops. */
  run(pipeline: Pipeline, signal: AbortSignal): Promise<RunRecord>;
  onEvent(event: SchedulerEvent): void;
}

/** When a pipeline's schedule fires next, in absolute time; null for a pipeline run only on demand. */
export function nextFiring(pipeline: Pipeline): Date | null {
  if (!pipeline.schedule) return null;
  const task = createTask(pipeline.schedule, () => {}, { timezone: pipeline.timezone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } finally {
    void task.destroy();
  }
}

interface Firing {
  pipeline: Pipeline;
  /** The time the schedule named, which may be earlier than the run when another run was in the way. */
  at: Date;
}

/**
 * Fires each pipeline on its cron schedule in its time zone and runs the firings one at a time, in
 * the order they fired: on DuckDB one process can hold the warehouse only once, and a run that
 * waits for the previous one reads what that one wrote. A pipeline that fires while it is still
 * running or queued is skipped, not stacked.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly queue: Firing[] = [];
  private readonly controller = new AbortController();
  private running: string | undefined;
  private worker: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pipelines: readonly Pipeline[],
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    const logger = {
      info: () => {},
      debug: () => {},
      warn: (message: string) => this.options.onEvent({ kind: 'warning', message }),
      error: (message: string | Error) => this.options.onEvent({ kind: 'warning', message: String(message) }),
    };
    for (const pipeline of this.pipelines) {
      if (!pipeline.schedule) continue;
      const task = createTask(pipeline.schedule, (context) => this.fire(pipeline, context.date), {
        name: pipeline.name,
        timezone: pipeline.timezone,
        logger,
      });
      task.on('execution:missed', (context) => {
        this.options.onEvent({ kind: 'skipped', pipeline: pipeline.name, at: context.date, reason: 'the process was too busy to fire on time' });
      });
      task.start();
      this.tasks.push(task);
      this.options.onEvent({ kind: 'scheduled', pipeline: pipeline.name, schedule: pipeline.schedule, timezone: pipeline.timezone, next: task.getNextRun() });
    }
  }

  /** Stops firing, drops queued firings and asks the running pipeline to stop; resolves once it has. */
  async stop(reason?: Error): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks) await task.destroy();
    this.queue.length = 0;
    this.controller.abort(reason);
    await this.worker;
  }

  private fire(pipeline: Pipeline, at: Date): void {
    if (this.stopped) return;
    if (this.running === pipeline.name) {
      this.options.onEvent({ kind: 'skipped', pipeline: pipeline.name, at, reason: 'its previous run has not finished' });
      return;
    }
    if (this.queue.some((firing) => firing.pipeline.name === pipeline.name)) {
      this.options.onEvent({ kind: 'skipped', pipeline: pipeline.name, at, reason: 'its previous firing is still waiting for another pipeline to finish' });
      return;
    }
    this.queue.push({ pipeline, at });
    this.options.onEvent({ kind: 'queued', pipeline: pipeline.name, at });
    this.worker ??= this.drain();
  }

  private async drain(): Promise<void> {
    for (let firing = this.queue.shift(); firing && !this.stopped; firing = this.queue.shift()) {
      const { pipeline, at } = firing;
      this.running = pipeline.name;
      try {
        const run = await this.options.run(pipeline, this.controller.signal);
        this.options.onEvent({ kind: 'finished', pipeline: pipeline.name, at, run });
      } catch (error) {
        if (error instanceof LockedError) this.options.onEvent({ kind: 'skipped', pipeline: pipeline.name, at, reason: error.message });
        else if (!this.stopped) this.options.onEvent({ kind: 'error', pipeline: pipeline.name, at, error: error as Error });
      } finally {
        this.running = undefined;
      }
    }
    this.worker = undefined;
  }
}
