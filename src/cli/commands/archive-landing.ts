import type { Command } from 'commander';
import { warehouseState } from '../../ingest/state.js';
import { archiveLandingLogs, archiveOptions } from '../../retention/landing-archive.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerArchiveLanding(program: Command): void {
  program
    .command('archive-landing')
    .description('gzip the landing logs of closed days into serve.archive_dir once fully loaded; delete archived logs older than retention_days')
    .action(async (_options, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => archiveLandingLogs(warehouseState(warehouse), archiveOptions(config)));
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      for (const log of summary.archived) console.log(`archived ${log.file}: ${log.bytes} → ${log.gzipBytes} bytes`);
      for (const file of summary.notYetLoaded) console.log(`left ${file}: not fully loaded yet (run the ingest first)`);
      for (const file of summary.expired) console.log(`deleted ${file}: older than retention`);
      const ratio = summary.compressionRatio === null ? 'nothing to archive' : `compression ${summary.compressionRatio.toFixed(1)}:1`;
      console.log(`${summary.archived.length} archived (${summary.bytes} → ${summary.gzipBytes} bytes, ${ratio}), ${summary.notYetLoaded.length} waiting, ${summary.expired.length} expired`);
    });
}
