import type { LandingTable } from './landing.js';

export interface TableCounts {
  /** Rows appended to the table by this run. */
  loaded: number;
  /** Rows whose key was already in the table or earlier in this run. */
  duplicates: number;
}

/** What one `scrm ingest <source>` run did. */
export interface SourceSummary {
  source: string;
  /** Inputs (files, or database tables) that were read. */
  inputs: number;
  /** Inputs that could not be opened, or broke off while being read (what was read before stays loaded). */
  failures: { input: string; error: string }[];
  /** Records read: lines, CSV rows, JSON files, database rows. */
  records: number;
  /** Records (or parts of records) sent to `ingest_rejects` by this run. */
  rejected: number;
  /** Reject counts by reason, for the summary line. */
  rejectReasons: Record<string, number>;
  /** Per landing table (rejects under `ingest_rejects`). */
  tables: Partial<Record<LandingTable, TableCounts>>;
  elapsedMs: number;
}

export function emptySummary(source: string): SourceSummary {
  return { source, inputs: 0, failures: [], records: 0, rejected: 0, rejectReasons: {}, tables: {}, elapsedMs: 0 };
}

/** Totals over every table except rejects. */
export function totals(summary: SourceSummary): TableCounts {
  let loaded = 0;
  let duplicates = 0;
  for (const [table, counts] of Object.entries(summary.tables)) {
    if (table === 'ingest_rejects' || !counts) continue;
    loaded += counts.loaded;
    duplicates += counts.duplicates;
  }
  return { loaded, duplicates };
}

/** A run failed only when nothing at all could be read. */
export function nothingRead(summary: SourceSummary): boolean {
  return summary.records === 0 && (summary.inputs === 0 || summary.failures.length > 0);
}
