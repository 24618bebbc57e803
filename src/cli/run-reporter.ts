import { describeHolder } from '../pipelines/lock.js';
import type { RunRecord, StepRecord } from '../pipelines/run-history.js';
import type { RunEvent, RunReporter } from '../pipelines/runner.js';
import type { Logger, Progress } from '../pipelines/stage.js';
import { formatCount, formatDuration, formatLocalTime } from './format.js';
import { createProgress, type ConsoleProgress } from './progress.js';
import { styleFor, type Style } from './style.js';

export interface ConsoleReporterOptions {
  /** Scripts read one JSON document from stdout; people get lines. */
  json: boolean;
  timeZone: string;
  /** Prefix each line with the local time and the pipeline: the scheduler's log. */
  timestamps?: boolean;
  out?: NodeJS.WriteStream;
  err?: NodeJS.WriteStream;
}

const MARKS: Record<StepRecord['status'], string> = { succeeded: '✓', failed: '✗', abandoned: '■', skipped: '↷', running: '…' };

/**
 * Shows a pipeline run in a terminal or a log: a line per stage on stdout, progress and stage
 * messages on stderr, and nothing on stdout but the JSON result with `--json`.
 */
export class ConsoleRunReporter implements RunReporter {
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
  private readonly style: Style;
  private readonly errStyle: Style;
  /** The running step's progress, which owns the bottom of the terminal while it draws. */
  private active: ConsoleProgress | undefined;

  constructor(private readonly options: ConsoleReporterOptions) {
    this.out = options.out ?? process.stdout;
    this.err = options.err ?? process.stderr;
    this.style = styleFor(this.out);
    this.errStyle = styleFor(this.err);
  }

  event(event: RunEvent): void {
    switch (event.kind) {
      case 'lock-wait':
        return this.note(event.pipeline, `waiting: ${describeHolder(event.holder)}`);
      case 'stale-lock':
        return this.warn(
          event.pipeline,
          `released the lock of ${describeHolder(event.holder)}, which is gone; marked abandoned in the run log: ${event.abandoned.join(', ') || 'nothing was running'}`,
        );
      case 'resume':
        return this.say(
          event.pipeline,
          event.from
            ? `resuming run ${event.from}${event.skipping.length ? `: skipping ${event.skipping.join(', ')}` : ''}`
            : 'nothing to resume (the latest run succeeded or there is none): running every stage',
        );
      case 'run-start':
        return this.say(event.pipeline, `${this.named(this.style.bold(event.pipeline))}run ${event.runId} (${event.steps} stage${event.steps === 1 ? '' : 's'})`);
      case 'step-start':
        if (this.err.isTTY && !this.options.json) this.err.write(this.errStyle.dim(`  ▸ ${event.step} (${event.index}/${event.steps})\n`));
        return;
      case 'step-end':
        this.active = undefined;
        return this.say(event.pipeline, this.stepLine(event.result));
    }
  }

  console(pipeline: string, step: string): { log: Logger; progress: Progress } {
    const progress = createProgress(`  ${step}`, this.err);
    this.active = progress;
    return {
      log: {
        info: (message) => this.note(pipeline, this.errStyle.dim(`  ${step}: ${message}`)),
        warn: (message) => this.warn(pipeline, `  ${step}: ${message}`),
      },
      progress,
    };
  }

  /** The outcome of a run: one JSON document, or a sentence that says what to do next. */
  summary(run: RunRecord): void {
    if (this.options.json) {
      this.out.write(`${JSON.stringify(run)}\n`);
      return;
    }
    this.say(run.pipeline, this.summaryLine(run));
    const succeeded = run.steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').length;
    if (run.status !== 'succeeded' && succeeded > 0) {
      this.say(run.pipeline, this.style.dim(`\`scrm run ${run.pipeline} --resume\` skips the ${succeeded} stage${succeeded === 1 ? '' : 's'} that succeeded`));
    }
  }

  summaryLine(run: RunRecord): string {
    const took = formatDuration((run.endedAtMs ?? Date.now()) - run.startedAtMs);
    const counts = `${formatCount(run.rowsIn)} row${run.rowsIn === 1 ? '' : 's'} in, ${formatCount(run.rowsOut)} out, ${formatCount(run.rowsRejected)} rejected`;
    const name = this.named(run.pipeline);
    if (run.status === 'succeeded') return `${name}${this.style.green('succeeded')} in ${took}: ${counts} (run ${run.runId})`;
    const paint = run.status === 'failed' ? this.style.red : this.style.yellow;
    return `${name}${paint(run.status)} after ${took}: ${run.error} (run ${run.runId})`;
  }

  /** A line for people, on stdout; silent with --json. */
  say(pipeline: string, text: string): void {
    if (!this.options.json) this.out.write(`${this.prefix(pipeline, this.style)}${text}\n`);
  }

  /** Something worth knowing while waiting, on stderr even with --json; above the progress bar if one is drawn. */
  note(pipeline: string, text: string): void {
    const line = `${this.prefix(pipeline, this.errStyle)}${text}\n`;
    if (this.active) this.active.print(line);
    else this.err.write(line);
  }

  warn(pipeline: string, text: string): void {
    this.note(pipeline, this.errStyle.yellow(text));
  }

  private stepLine(step: StepRecord): string {
    const paint = { succeeded: this.style.green, failed: this.style.red, abandoned: this.style.yellow, skipped: this.style.dim, running: this.style.dim }[step.status];
    const head = `  ${paint(MARKS[step.status])} ${step.step.padEnd(16)}`;
    if (step.status === 'skipped') return `${head} ${this.style.dim('skipped: it succeeded in the run being resumed')}`;
    const took = formatDuration((step.endedAtMs ?? Date.now()) - step.startedAtMs).padStart(8);
    if (step.status !== 'succeeded') return `${head} ${took}  ${paint(step.status)}: ${step.error}`;
    return `${head} ${took}  ${formatCount(step.rowsIn)} in, ${formatCount(step.rowsOut)} out, ${formatCount(step.rowsRejected)} rejected`;
  }

  /** The pipeline's name at the start of a sentence, unless the line prefix already says it. */
  private named(pipeline: string): string {
    return this.options.timestamps ? '' : `${pipeline} `;
  }

  private prefix(pipeline: string, style: Style): string {
    return this.options.timestamps ? style.dim(`${formatLocalTime(Date.now(), this.options.timeZone)} ${pipeline} `) : '';
  }
}
