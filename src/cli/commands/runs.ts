import { InvalidArgumentError, type Command } from 'commander';
import { runRecords, type RunRecord } from '../../pipelines/run-history.js';
import { assertRunLogExists, readRunLog } from '../../pipelines/run-log.js';
import { globalOptions, withWarehouse } from '../context.js';
import { formatCount, formatDuration, formatLocalTime, formatRows } from '../format.js';

interface RunsOptions {
  pipeline?: string;
  limit: number;
}

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('show recent pipeline runs, or the stages of one run')
    .argument('[run-id]', 'show this run stage by stage')
    .option('-p, --pipeline <name>', 'only runs of this pipeline')
    .option('-n, --limit <count>', 'how many runs', positiveInteger, 20)
    .action(async (runId: string | undefined, options: RunsOptions, command: Command) => {
      const json = Boolean(globalOptions(command).json);
      await withWarehouse(command, async (warehouse, config) => {
        await assertRunLogExists(warehouse);
        const runs = runRecords(await readRunLog(warehouse, { pipeline: options.pipeline, runId, limit: runId ? 1 : options.limit }));
        if (runId && runs.length === 0) throw new Error(`no run ${runId} in the run log`);
        if (json) console.log(JSON.stringify(runId ? runs[0] : runs, null, 2));
        else console.log(runId ? runDetail(runs[0], config.timezone) : runTable(runs, config.timezone));
      });
    });
}

function runTable(runs: readonly RunRecord[], timeZone: string): string {
  if (runs.length === 0) return 'no runs yet (`scrm run <pipeline>` starts one)';
  return formatRows(
    runs.map((run) => ({
      run: run.runId,
      pipeline: run.pipeline,
      status: run.status,
      started: formatLocalTime(run.startedAtMs, timeZone),
      took: run.endedAtMs === null ? '' : formatDuration(run.endedAtMs - run.startedAtMs),
      in: formatCount(run.rowsIn),
      out: formatCount(run.rowsOut),
      rejected: formatCount(run.rowsRejected),
      error: truncate(run.error ?? '', 70),
    })),
    'table',
  );
}

function runDetail(run: RunRecord, timeZone: string): string {
  const header = [
    `run       ${run.runId}`,
    `pipeline  ${run.pipeline} (${run.triggeredBy}${run.resumedFrom ? `, resuming ${run.resumedFrom}` : ''})`,
    `status    ${run.status}${run.error ? `: ${run.error}` : ''}`,
    `started   ${formatLocalTime(run.startedAtMs, timeZone)} by pid ${run.pid} on ${run.host}`,
  ];
  const steps = formatRows(
    run.steps.map((step) => ({
      '#': step.index,
      stage: step.step,
      status: step.status,
      took: step.endedAtMs === null ? '' : formatDuration(step.endedAtMs - step.startedAtMs),
      in: formatCount(step.rowsIn),
      out: formatCount(step.rowsOut),
      rejected: formatCount(step.rowsRejected),
      error: step.error ?? '',
    })),
    'table',
  );
  return `${header.join('\n')}\n\n${steps}`;
}

function truncate(text: string, width: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
