import type { Command } from 'commander';
import { runAlerts } from '../../alerts/run.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerAlert(program: Command): void {
  program
    .command('alert')
    .description('judge the alert rules (config/alert-rules.yaml) and store new alerts in the warehouse')
    .option('-d, --date <date>', 'last local date to judge, YYYY-MM-DD (default: yesterday in the configured time zone)')
    .option('--all', 'judge the whole history, not only the last lookback_days')
    .action(async (options: { date?: string; all?: boolean }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => runAlerts(warehouse, config, options));
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      const span = summary.from ? `${summary.from} to ${summary.as_of}` : `all history up to ${summary.as_of}`;
      console.log(`${summary.rules} rules judged ${span}: ${summary.raised.length} new alerts, ${summary.already_raised} raised before`);
      for (const alert of summary.raised) console.log(`  [${alert.severity}] ${alert.message}`);
      for (const skip of summary.skipped) console.log(`  skipped source ${skip.source}: ${skip.reason}`);
    });
}
