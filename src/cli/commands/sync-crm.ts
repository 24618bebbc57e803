import type { Command } from 'commander';
import { syncCrm } from '../../crm-sync/run.js';
import { globalOptions, withWarehouse } from '../context.js';
import { ExitCode } from '../exit-codes.js';

export function registerSyncCrm(program: Command): void {
  program
    .command('sync-crm')
    .description('send churn flags, segment and price tags and alerts to the configured CRM sinks through the outbox')
    .option('--no-wait', 'leave retries that are not due yet to the next run')
    .action(async (options: { wait: boolean }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => syncCrm(warehouse, config, { noWait: !options.wait }));
      // An item no retry will deliver is a failure for scripts too, --json or not.
      if (summary.sinks.some((sink) => sink.dead > 0)) process.exitCode = ExitCode.failed;
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      const items = Object.entries(summary.items).map(([kind, count]) => `${count} ${kind}`);
      console.log(`items: ${items.join(', ') || 'none'}`);
      for (const skip of summary.skipped) console.log(`  skipped ${skip.kind}: ${skip.reason}`);
      for (const sink of summary.sinks) {
        const errors = Object.entries(sink.errors).map(([code, n]) => `${code} ×${n}`);
        console.log(
          `${sink.sink} (${sink.type}): ${sink.enqueued} enqueued, ${sink.unchanged} unchanged, ${sink.delivered} delivered, ` +
            `${sink.pending} pending, ${sink.dead} dead, ${sink.superseded} superseded` +
            (sink.not_addressable ? `, ${sink.not_addressable} not addressable` : '') +
            (errors.length ? `; errors: ${errors.join(', ')}` : ''),
        );
      }
    });
}
