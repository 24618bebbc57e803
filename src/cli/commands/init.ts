import type { Command } from 'commander';
import { initWarehouse } from '../../warehouse/init.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the landing tables in the configured warehouse (safe to run again)')
    .action(async (_options, command: Command) => {
      const summary = await withWarehouse(command, (warehouse) => initWarehouse(warehouse), { create: true });
      if (globalOptions(command).json) console.log(JSON.stringify(summary));
      else console.log(`initialized ${summary.engine} warehouse: ${summary.tables.join(', ')}`);
    });
}
