import { Argument, Option, type Command } from 'commander';
import { configured } from '../../ingest/configure.js';
import { ingestContext } from '../../ingest/context.js';
import { formatSummary } from '../../ingest/format.js';
import { ingest } from '../../ingest/run.js';
import type { Source } from '../../ingest/source.js';
import { SOURCES } from '../../ingest/sources.js';
import { nothingRead } from '../../ingest/summary.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerIngest(program: Command): void {
  const command = program
    .command('ingest')
    .description('load files (or a CRM database) of one source into the landing tables; safe to run again')
    .addArgument(new Argument('<source>', 'what the inputs are').choices(Object.keys(SOURCES)))
    .argument('<inputs...>', 'files or folders (plain or gzip); for crm also a postgres:// or mysql:// URL')
    .addOption(new Option('--workers <n>', 'parse worker threads for line sources (default: config ingest.workers)').argParser(Number))
    .option('--no-progress', 'no progress bar or progress lines');
  for (const source of Object.values(SOURCES)) for (const option of source.cliOptions ?? []) command.addOption(option);
  command.action(async (sourceName: string, inputs: string[], options: { workers?: number; progress: boolean } & Record<string, unknown>) => {
    const source = SOURCES[sourceName];
    refuseOthersOptions(source, options, command);
    const summary = await withWarehouse(command, (warehouse, config) =>
      ingest(warehouse, configured(source, options), inputs, {
        context: ingestContext(config),
        workers: options.workers ?? config.ingest.workers,
        progress: options.progress ? 'auto' : 'off',
      }),
    );
    console.log(globalOptions(command).json ? JSON.stringify(summary) : formatSummary(summary));
    if (nothingRead(summary)) process.exitCode = 1;
  });
}

/** An option of another source is a usage error, not something silently ignored. */
function refuseOthersOptions(source: Source, given: Record<string, unknown>, command: Command): void {
  for (const other of Object.values(SOURCES)) {
    if (other === source) continue;
    for (const option of other.cliOptions ?? []) {
      if (given[option.attributeName()] !== undefined) command.error(`error: ${option.long} is an option of ${other.name}, not ${source.name}`, { exitCode: 2 });
    }
  }
}
