import type { Command } from 'commander';
import { initWarehouse, topologyOf } from '../../warehouse/init.js';
import { createClickHouseDatabase } from '../../warehouse/open.js';
import { configFor, globalOptions, withWarehouse } from '../context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the landing tables in the configured warehouse (safe to run again)')
    .action(async (_options, command: Command) => {
      const config = configFor(command);
      if (config.engine === 'clickhouse') await createClickHouseDatabase(config);
      const summary = await withWarehouse(
        command,
        (warehouse) => initWarehouse(warehouse, topologyOf(config, warehouse)),
        { create: true },
      );
      if (globalOptions(command).json) console.log(JSON.stringify(summary));
      else {
        const where = summary.cluster ? ` on cluster ${summary.cluster}` : '';
        console.log(`initialized ${summary.engine} warehouse${where}: ${summary.tables.join(', ')}`);
        for (const added of summary.added_columns) {
          const filled = added.filled_from ? `, existing rows filled from ${added.filled_from}` : '';
          console.log(`  added ${added.table}.${added.column} ${added.type}${filled}`);
        }
      }
    });
}
