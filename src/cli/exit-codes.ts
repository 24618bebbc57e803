import { constants } from 'node:os';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { GenerateOptionsError } from '../generate/options.js';
import { PipelineDefinitionError } from '../pipelines/definition.js';
import { LockedError } from '../pipelines/lock.js';
import { WarehouseBusyError, WarehouseUnavailableError } from '../warehouse/errors.js';

/** What `scrm` exit codes mean; scripts and schedulers (cron, systemd) can rely on them. */
export const ExitCode = {
  /** The command did what it was asked. */
  ok: 0,
  /** The work failed: a stage failed, a query was rejected. Fix the cause and run again. */
  failed: 1,
  /** The command line, the config file or a pipeline file is wrong. Running again will not help. */
  usage: 2,
  /** Another process holds the pipeline's lock or the DuckDB file. Try later, or use `--wait`. */
  locked: 3,
  /** The warehouse is missing or does not answer (no DuckDB file, tables not created, ClickHouse down). */
  unavailable: 4,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    failed: a stage failed or the work could not be done
  2    usage: bad arguments, config file or pipeline file
  3    locked: the pipeline (or the DuckDB file) is in use by another process
  4    unavailable: no warehouse (run \`scrm init\`) or ClickHouse does not answer
  130  interrupted by SIGINT, 143 by SIGTERM: the run was stopped cleanly and logged as abandoned`;

/** 128 + the signal number, as shells report a process stopped by a signal. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** Maps an error that ended a command to its exit code. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof ConfigError || error instanceof PipelineDefinitionError || error instanceof GenerateOptionsError) return ExitCode.usage;
  if (error instanceof LockedError || error instanceof WarehouseBusyError) return ExitCode.locked;
  if (error instanceof WarehouseUnavailableError) return ExitCode.unavailable;
  return ExitCode.failed;
}
