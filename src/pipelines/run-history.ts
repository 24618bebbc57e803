import { processIsGone, type ProcessIdentity } from './process.js';
import { RUN_STAGE, type RunLogRow, type RunStatus, type StepStatus, type Trigger } from './run-log.js';

export interface StepRecord {
  step: string;
  index: number;
  status: StepStatus;
  startedAtMs: number;
  endedAtMs: number | null;
  rowsIn: number;
  rowsOut: number;
  rowsRejected: number;
  error: string | null;
  detail: Record<string, unknown> | null;
}

export interface RunRecord {
  runId: string;
  pipeline: string;
  status: RunStatus;
  startedAtMs: number;
  endedAtMs: number | null;
  triggeredBy: Trigger;
  resumedFrom: string | null;
  host: string;
  pid: number;
  error: string | null;
  rowsIn: number;
  rowsOut: number;
  rowsRejected: number;
  steps: StepRecord[];
}

/**
 * Folds the append-only run log into the latest state of each run and stage, most recent run
 * first. A row still `running` whose process is gone from this host is reported `abandoned`.
 */
export function runRecords(rows: readonly RunLogRow[], isGone: (process: ProcessIdentity) => boolean = processIsGone): RunRecord[] {
  const runs = new Map<string, Map<string, RunLogRow>>();
  for (const row of rows) {
    const stages = runs.get(row.run_id) ?? new Map<string, RunLogRow>();
    runs.set(row.run_id, stages);
    const seen = stages.get(row.stage);
    if (!seen || (row.ended_at_ms ?? -1) > (seen.ended_at_ms ?? -1)) stages.set(row.stage, row);
  }
  const records: RunRecord[] = [];
  for (const stages of runs.values()) {
    const run = stages.get(RUN_STAGE);
    if (!run) continue;
    const steps = [...stages.values()]
      .filter((row) => row.stage !== RUN_STAGE)
      .sort((a, b) => a.stage_index - b.stage_index)
      .map((row) => stepRecord(row, isGone));
    const state = latestState(run, isGone);
    records.push({
      runId: run.run_id,
      pipeline: run.pipeline,
      status: state.status as RunStatus,
      startedAtMs: run.started_at_ms,
      endedAtMs: run.ended_at_ms,
      triggeredBy: run.triggered_by,
      resumedFrom: run.resumed_from,
      host: run.host,
      pid: run.pid,
      error: state.error,
      ...stepTotals(steps),
      steps,
    });
  }
  return records.sort((a, b) => b.startedAtMs - a.startedAtMs);
}

/** Rows that started and never ended: what a crashed process leaves behind. */
export function openRows(rows: readonly RunLogRow[]): RunLogRow[] {
  const ended = new Set(rows.filter((row) => row.status !== 'running').map((row) => `${row.run_id}\u0000${row.stage}`));
  return rows.filter((row) => row.status === 'running' && !ended.has(`${row.run_id}\u0000${row.stage}`));
}

function stepRecord(row: RunLogRow, isGone: (process: ProcessIdentity) => boolean): StepRecord {
  const state = latestState(row, isGone);
  return {
    step: row.stage,
    index: row.stage_index,
    status: state.status,
    startedAtMs: row.started_at_ms,
    endedAtMs: row.ended_at_ms,
    rowsIn: row.rows_in,
    rowsOut: row.rows_out,
    rowsRejected: row.rows_rejected,
    error: state.error,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
  };
}

function latestState(row: RunLogRow, isGone: (process: ProcessIdentity) => boolean): { status: StepStatus; error: string | null } {
  if (row.status === 'running' && isGone({ pid: row.pid, host: row.host })) {
    return { status: 'abandoned', error: `process ${row.pid} on ${row.host} is gone` };
  }
  return { status: row.status, error: row.error };
}

/** A run's row counts: the sum of its steps'. */
export function stepTotals(steps: readonly StepRecord[]): Pick<RunRecord, 'rowsIn' | 'rowsOut' | 'rowsRejected'> {
  const sum = (key: 'rowsIn' | 'rowsOut' | 'rowsRejected') => steps.reduce((total, step) => total + step[key], 0);
  return { rowsIn: sum('rowsIn'), rowsOut: sum('rowsOut'), rowsRejected: sum('rowsRejected') };
}
