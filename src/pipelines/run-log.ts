import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { missingTableError } from '../warehouse/errors.js';
import type { Warehouse } from '../warehouse/types.js';

export const RUN_LOG_TABLE = 'pipeline_runs';
/** The `stage` of the row that stands for the run as a whole. */
export const RUN_STAGE = '*';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'abandoned';
export type StepStatus = RunStatus | 'skipped';
export type Trigger = 'manual' | 'schedule';

/** One row of `pipeline_runs`, as written and as read back. */
export interface RunLogRow {
  run_id: string;
  pipeline: string;
  stage: string;
  stage_index: number;
  status: StepStatus;
  started_at_ms: number;
  ended_at_ms: number | null;
  rows_in: number;
  rows_out: number;
  rows_rejected: number;
  error: string | null;
  host: string;
  pid: number;
  triggered_by: Trigger;
  resumed_from: string | null;
  detail: string | null;
}

const RUN_LOG_SQL = readFileSync(projectPath('sql', 'pipelines', 'run_log.sql'), 'utf8');

export async function assertRunLogExists(warehouse: Warehouse): Promise<void> {
  if (!(await warehouse.tableExists(RUN_LOG_TABLE))) throw missingTableError(RUN_LOG_TABLE);
}

export async function appendRunLog(warehouse: Warehouse, rows: readonly RunLogRow[]): Promise<void> {
  await warehouse.insert(
    RUN_LOG_TABLE,
    rows.map((row) => ({ ...row, started_at: row.started_at_ms, ended_at: row.ended_at_ms })),
  );
}

export interface RunLogQuery {
  pipeline?: string;
  runId?: string;
  limit: number;
}

/** Every row of the latest runs, oldest first. */
export async function readRunLog(warehouse: Warehouse, query: RunLogQuery): Promise<RunLogRow[]> {
  return warehouse.query<RunLogRow & Record<string, unknown>>(RUN_LOG_SQL, {
    pipeline: query.pipeline ?? '',
    run_id: query.runId ?? '',
    limit: query.limit,
  });
}
