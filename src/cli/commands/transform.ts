import type { Command } from 'commander';
import { runTransform } from '../../transform/run.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerTransform(program: Command): void {
  program
    .command('transform')
    .description('build the SQL models (staging, intermediate, marts) in dependency order')
    .option('-s, --select <selectors...>', 'models to build: name, name+ (with downstream), +name (with upstream)')
    .action(async (options: { select?: string[] }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => runTransform(warehouse, config, { select: options.select }));
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      for (const model of summary.built) console.log(`${model.name.padEnd(32)} ${(model.rows === null ? 'view' : `${model.rows} rows`).padStart(17)} ${String(model.ms).padStart(8)} ms`);
      console.log(`built ${summary.built.length} models on ${summary.engine} in ${(summary.ms / 1000).toFixed(1)} s`);
    });
}
