import type { Command } from 'commander';
import { runDataTests } from '../../transform/data-tests.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerTestModels(program: Command): void {
  program
    .command('test-models')
    .description('run the data tests declared beside the models (exit code 1 when any fails)')
    .option('-s, --select <selectors...>', 'models to test: name, name+ (with downstream), +name (with upstream)')
    .action(async (options: { select?: string[] }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => runDataTests(warehouse, config, { select: options.select }));
      if (globalOptions(command).json) console.log(JSON.stringify(summary));
      for (const failure of summary.failed) {
        console.error(`FAIL ${failure.model}: ${failure.test}: ${failure.failures} failing row(s)${failure.detail ? ` (${failure.detail})` : ''}`);
      }
      if (!globalOptions(command).json) console.log(`${summary.results.length - summary.failed.length} of ${summary.results.length} data tests passed on ${summary.engine}`);
      if (summary.failed.length > 0) throw new Error(`${summary.failed.length} data test(s) failed`);
    });
}
