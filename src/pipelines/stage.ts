import { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';

/** What a stage did, as the run log records it. */
export interface StageSummary {
  rowsIn: number;
  rowsOut: number;
  rowsRejected: number;
  /** Stage-specific figures (per-source counts, files written, …), stored as JSON in the run log. */
  detail?: Record<string, unknown>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Progress of a long stage: a bar on a terminal, periodic lines otherwise, nothing in tests. */
export interface Progress {
  /** Starts a measured phase; `total` is the number of units when known. */
  start(total?: number, label?: string): void;
  advance(units?: number): void;
  finish(): void;
}

export interface StageRun {
  /** The run id in `pipeline_runs`. */
  id: string;
  pipeline: string;
  /** The step id within the pipeline (the stage name unless the pipeline file sets `id`). */
  step: string;
}

export interface StageContext {
  readonly warehouse: Warehouse;
  readonly config: Config;
  readonly log: Logger;
  readonly progress: Progress;
  /**
   * Aborted on SIGINT / SIGTERM. A stage checks it only at points where stopping leaves nothing
   * half-written (between idempotent batches, before an atomic swap) and stops by throwing
   * (`signal.throwIfAborted()`); a stage that never checks simply runs to its end.
   */
  readonly signal: AbortSignal;
  readonly run: StageRun;
}

/** A unit of work a pipeline can name. Stages are idempotent: running one again changes nothing already done. */
export interface Stage<Options = unknown> {
  readonly name: string;
  readonly description: string;
  /** Validates the `options` a pipeline file gives the stage, once, when the file is loaded. */
  readonly options: z.ZodType<Options>;
  run(context: StageContext, options: Options): Promise<StageSummary>;
}

/** Options of a stage that takes none: any key in a pipeline file is then an error. */
export const NO_OPTIONS = z.object({}).strict();

/** Declares a stage with its options inferred from the schema. */
export function defineStage<S extends z.ZodType>(stage: {
  name: string;
  description: string;
  options: S;
  run(context: StageContext, options: z.output<S>): Promise<StageSummary>;
}): Stage<z.output<S>> {
  return stage as Stage<z.output<S>>;
}
