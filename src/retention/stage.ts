import { warehouseState } from '../ingest/state.js';
import { defineStage, NO_OPTIONS } from '../pipelines/stage.js';
import { archiveLandingLogs, archiveOptions } from './landing-archive.js';

export const archiveLandingStage = defineStage({
  name: 'archive-landing',
  description: 'gzip the landing logs of closed days once fully loaded, and delete archived logs past retention',
  options: NO_OPTIONS,
  async run({ warehouse, config, log }) {
    const summary = await archiveLandingLogs(warehouseState(warehouse), archiveOptions(config));
    if (summary.compressionRatio !== null) {
      log.info(`archived ${summary.archived.length} logs: ${summary.bytes} bytes to ${summary.gzipBytes} (${summary.compressionRatio.toFixed(1)}:1)`);
    }
    for (const file of summary.notYetLoaded) log.warn(`${file}: closed but not fully loaded yet; left in place`);
    return { rowsIn: summary.archived.length + summary.notYetLoaded.length, rowsOut: summary.archived.length, rowsRejected: 0, detail: { ...summary } };
  },
});
