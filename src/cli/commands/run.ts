import { InvalidArgumentError, type Command } from 'commander';
import { loadPipeline } from '../../pipelines/definition.js';
import { runPipeline } from '../../pipelines/runner.js';
import { openWarehouse } from '../../warehouse/open.js';
import { configFor, globalOptions, type CliServices } from '../context.js';
import { ExitCode, signalExitCode } from '../exit-codes.js';
import { ConsoleRunReporter } from '../run-reporter.js';
import { shutdownOnSignals } from '../shutdown.js';

interface RunOptions {
  resume?: boolean;
  wait?: true | number;
}

export function registerRun(program: Command, services: CliServices): void {
  program
    .command('run')
    .description('run a pipeline now, logging each stage to pipeline_runs')
    .argument('<pipeline>', 'a pipeline of the pipelines folder, e.g. nightly')
    .option('--resume', "skip the stages that succeeded in the pipeline's latest run if that run did not finish")
    .option('--wait [seconds]', 'if the pipeline is already running elsewhere, wait for it (at most this long) instead of exiting with code 3', seconds)
    .action(async (name: string, options: RunOptions, command: Command) => {
      const config = configFor(command);
      const pipeline = loadPipeline(config, services.stages, name);
      const reporter = new ConsoleRunReporter({ json: Boolean(globalOptions(command).json), timeZone: config.timezone });
      const shutdown = shutdownOnSignals((signal) =>
        reporter.note(pipeline.name, `${signal}: stopping once the running stage finishes or reaches a safe point (again to quit at once)`),
      );
      try {
        const run = await runPipeline({ config, openWarehouse: () => openWarehouse(config), reporter }, pipeline, {
          resume: options.resume,
          wait: options.wait,
          signal: shutdown.signal,
        });
        reporter.summary(run);
        const interrupted = shutdown.received();
        if (run.status === 'abandoned' && interrupted) process.exitCode = signalExitCode(interrupted);
        else if (run.status !== 'succeeded') process.exitCode = ExitCode.failed;
      } catch (error) {
        const interrupted = shutdown.received();
        // Stopped while waiting for the lock: nothing ran, nothing to log.
        const aborted = error === shutdown.signal.reason || (error as Error).name === 'AbortError';
        if (!interrupted || !aborted) throw error;
        process.exitCode = signalExitCode(interrupted);
      } finally {
        shutdown.dispose();
      }
    });
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds');
  return n * 1000;
}
