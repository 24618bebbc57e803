import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineStage, type Progress as StageProgress, type StageSummary } from '../pipelines/stage.js';
import type { Warehouse } from '../warehouse/types.js';
import { ingestContext } from './context.js';
import { datasetSteps, type IngestStep } from './dataset.js';
import { isForSource, LANDING_LOG_SOURCES, parseLandingLogName } from './landing-log/names.js';
import type { Progress as IngestProgress } from './progress.js';
import { ingest } from './run.js';
import { SOURCES } from './sources.js';
import { totals, type SourceSummary } from './summary.js';
import type { Config } from '../config/schema.js';

/**
 * `dataset`: a folder in the layout `scrm generate` writes (every source at once);
 * `landing-log`: what `scrm serve` appended to `serve.landing_dir`;
 * a source name (`whatsapp`, `orders`, …): that source over `paths`.
 */
const options = z
  .object({
    source: z.string().refine((name) => name === 'dataset' || name === 'landing-log' || name in SOURCES, {
      message: `expected dataset, landing-log or one of ${Object.keys(SOURCES).join(', ')}`,
    }),
    paths: z.array(z.string()).default([]),
  })
  .strict();

export const ingestStage = defineStage({
  name: 'ingest',
  description: 'load source files (a generated dataset, the landing log, or one source) into the landing tables',
  options,
  async run({ warehouse, config, signal, log, progress }, { source, paths }) {
    const summaries: SourceSummary[] = [];
    for (const step of planFor(source, paths, config)) {
      signal.throwIfAborted();
      const summary = await ingestOne(warehouse, config, step, progress);
      log.info(`${step.source.name}: ${summary.records} records, ${totals(summary).loaded} new rows, ${summary.rejected} rejected`);
      summaries.push(summary);
    }
    return summarize(summaries);
  },
});

function planFor(source: string, paths: string[], config: Config): IngestStep[] {
  if (source === 'dataset') {
    if (paths.length !== 1) throw new Error('ingest source "dataset" takes exactly one folder in paths');
    return datasetSteps(paths[0]);
  }
  if (source === 'landing-log') return landingLogSteps(paths[0] ?? config.serve.landing_dir);
  if (paths.length === 0) throw new Error(`ingest source "${source}" needs paths`);
  return [{ source: SOURCES[source], inputs: paths }];
}

/** Webhook and click logs side by side in one folder: each goes to its own source. */
function landingLogSteps(dir: string): IngestStep[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => parseLandingLogName(file)?.compressed === false).sort().map((file) => join(dir, file)) : [];
  return Object.values(LANDING_LOG_SOURCES)
    .map((source) => ({ source: SOURCES[source], inputs: files.filter((file) => isForSource(file, source)) }))
    .filter((step) => step.inputs.length > 0);
}

function ingestOne(warehouse: Warehouse, config: Config, { source, inputs }: IngestStep, progress: StageProgress): Promise<SourceSummary> {
  return ingest(warehouse, source, inputs, {
    context: ingestContext(config),
    workers: config.ingest.workers,
    progress: (_label, totalBytes) => kilobytesRead(progress, source.name, totalBytes),
  });
}

/** The stage's progress bar over one source's input, in kB: a count of bytes would not fit a terminal line. */
function kilobytesRead(progress: StageProgress, source: string, totalBytes: number): IngestProgress {
  progress.start(Math.ceil(totalBytes / 1000), `${source} kB read`);
  let shown = 0;
  return {
    update(bytesDone) {
      const kilobytes = Math.ceil(bytesDone / 1000);
      if (kilobytes > shown) progress.advance(kilobytes - shown);
      shown = Math.max(shown, kilobytes);
    },
    stop() {
      progress.finish();
    },
  };
}

function summarize(summaries: SourceSummary[]): StageSummary {
  const bySource: Record<string, { records: number; loaded: number; rejected: number; failures: SourceSummary['failures'] }> = {};
  for (const s of summaries) {
    const entry = (bySource[s.source] ??= { records: 0, loaded: 0, rejected: 0, failures: [] });
    entry.records += s.records;
    entry.loaded += totals(s).loaded;
    entry.rejected += s.rejected;
    entry.failures.push(...s.failures);
  }
  const all = Object.values(bySource);
  return {
    rowsIn: all.reduce((sum, s) => sum + s.records, 0),
    rowsOut: all.reduce((sum, s) => sum + s.loaded, 0),
    rowsRejected: all.reduce((sum, s) => sum + s.rejected, 0),
    detail: bySource,
  };
}
