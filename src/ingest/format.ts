import { totals, type SourceSummary } from './summary.js';

/** The human summary of a run: one headline, then one line per table, rejects and failures. */
export function formatSummary(summary: SourceSummary): string {
  const { loaded, duplicates } = totals(summary);
  const lines = [
    `${summary.source}: ${summary.records} records from ${summary.inputs} input${summary.inputs === 1 ? '' : 's'}: ` +
      `${loaded} loaded, ${duplicates} duplicate, ${summary.rejected} rejected (${(summary.elapsedMs / 1000).toFixed(1)} s)`,
  ];
  for (const [table, counts] of Object.entries(summary.tables)) {
    if (table === 'ingest_rejects' || !counts) continue;
    lines.push(`  ${table}: ${counts.loaded} loaded, ${counts.duplicates} duplicate`);
  }
  for (const [reason, n] of Object.entries(summary.rejectReasons).sort((a, b) => b[1] - a[1])) lines.push(`  rejected ${n}: ${reason}`);
  for (const failure of summary.failures) lines.push(`  could not read ${failure.input}: ${failure.error}`);
  return lines.join('\n');
}
