import type { Command } from 'commander';
import { applyRetention } from '../../retention/retention.js';
import { topologyOf } from '../../warehouse/init.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerRetention(program: Command): void {
  program
    .command('retention')
    .description('remove raw events older than retention_days from the landing tables (marts are kept)')
    .action(async (_options, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) =>
        applyRetention(warehouse, {
          retentionDays: config.retention_days,
          topology: topologyOf(config, warehouse),
        }),
      );
      if (globalOptions(command).json) console.log(JSON.stringify(summary));
      else {
        const removed = Object.entries(summary.removed).map(([table, n]) => `${table} ${n}`).join(', ');
        console.log(`retention ${summary.retentionDays} days (before ${new Date(summary.cutoffMs).toISOString()}): removed ${removed}`);
      }
    });
}
