import { Argument, Option, type Command } from 'commander';
import { ingestContext } from '../../ingest/context.js';
import { formatSummary } from '../../ingest/format.js';
import { ingest } from '../../ingest/run.js';
import { SOURCES } from '../../ingest/sources.js';
import { nothingRead } from '../../ingest/summary.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('load files (or a CRM database) of one source into the landing tables; safe to run again')
    .addArgument(new Argument('<source>', 'what the inputs are').choices(Object.keys(SOURCES)))
    .argument('<inputs...>', 'files or folders (plain or gzip); for crm also a postgres:// or mysql:// URL')
    .addOption(new Option('--workers <n>', 'parse worker threads for line sources (default: config ingest.workers)').argParser(Number))
    .option('--no-progress', 'no progress bar or progress lines')
    .action(async (sourceName: string, inputs: string[], options: { workers?: number; progress: boolean }, command: Command) => {
      const source = SOURCES[sourceName];
      const summary = await withWarehouse(command, (warehouse, config) =>
        ingest(warehouse, source, inputs, {
          context: ingestContext(config),
          workers: options.workers ?? config.ingest.workers,
          progress: options.progress ? 'auto' : 'off',
        }),
      );
      console.log(globalOptions(command).json ? JSON.stringify(summary) : formatSummary(summary));
      if (nothingRead(summary)) process.exitCode = 1;
    });
}
