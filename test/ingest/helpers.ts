import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, type IngestOptions } from '../../src/ingest/run.js';
import { SOURCES } from '../../src/ingest/sources.js';
import type { IngestContext } from '../../src/ingest/source.js';
import type { SourceSummary } from '../../src/ingest/summary.js';
import { LANDING_TABLES } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';

/** The shared sample inputs: beside the repository (CI, main) or two levels up (a worktree). */
export const SAMPLES = findSamples();

function findSamples(): string {
  const candidates = [process.env.SCRM_SAMPLES, join(process.cwd(), '..', 'shared', 'samples'), join(process.cwd(), '..', '..', 'shared', 'samples')];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'README.md')));
  if (!found) throw new Error(`shared samples not found (looked in ${candidates.filter(Boolean).join(', ')}); set SCRM_SAMPLES`);
  return found;
}

export function context(overrides: Partial<IngestContext> = {}): IngestContext {
  return {
    defaultRegion: 'HK',
    timezone: 'Asia/Hong_Kong',
    businessSenderNames: [],
    ingestedAtMs: Date.UTC(2026, 10, 26),
    maxRecordBytes: 4 * 1024 * 1024,
    ...overrides,
  };
}

/** Runs one source the way the CLI does, without progress output. */
export function run(
  warehouse: Warehouse,
  source: string,
  inputs: string[],
  overrides: Partial<IngestContext> = {},
  options: Partial<IngestOptions> = {},
): Promise<SourceSummary> {
  return ingest(warehouse, SOURCES[source], inputs, { context: context(overrides), workers: 0, progress: 'off', ...options });
}

/** Row count of every landing table (ingest_state and pipeline_runs aside). */
export async function counts(warehouse: Warehouse): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of LANDING_TABLES) {
    if (table === 'ingest_state' || table === 'pipeline_runs') continue;
    const [row] = await warehouse.query(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(row.n);
  }
  return out;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `scrm-${prefix}-`));
}
