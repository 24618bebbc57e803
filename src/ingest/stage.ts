import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineStage, type StageSummary } from '../pipelines/stage.js';
import type { Warehouse } from '../warehouse/types.js';
import { ingestContext } from './context.js';
import { datasetInputs } from './dataset.js';
import { isForSource, LANDING_LOG_SOURCES, parseLandingLogName } from './landing-log/names.js';
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

type Plan = { source: string; inputs: string[] }[];

export const ingestStage = defineStage({
  name: 'ingest',
  description: 'load source files (a generated dataset, the landing log, or one source) into the landing tables',
  options,
  async run({ warehouse, config, signal, log }, { source, paths }) {
    const plan = planFor(source, paths, config);
    const summaries: SourceSummary[] = [];
    for (const step of plan) {
      signal.throwIfAborted();
      const summary = await ingestOne(warehouse, config, step.source, step.inputs);
      log.info(`${step.source}: ${summary.records} records, ${totals(summary).loaded} new rows, ${summary.rejected} rejected`);
      summaries.push(summary);
    }
    return summarize(summaries);
  },
});

function planFor(source: string, paths: string[], config: Config): Plan {
  if (source === 'dataset') {
    if (paths.length !== 1) throw new Error('ingest source "dataset" takes exactly one folder in paths');
    return datasetInputs(paths[0]);
  }
  if (source === 'landing-log') return landingLogInputs(paths[0] ?? config.serve.landing_dir);
  if (paths.length === 0) throw new Error(`ingest source "${source}" needs paths`);
  return [{ source, inputs: paths }];
}

/** Webhook and click logs side by side in one folder: each goes to its own source. */
function landingLogInputs(dir: string): Plan {
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => parseLandingLogName(file)).sort().map((file) => join(dir, file)) : [];
  return Object.values(LANDING_LOG_SOURCES)
    .map((source) => ({ source, inputs: files.filter((file) => isForSource(file, source)) }))
    .filter((step) => step.inputs.length > 0);
}

function ingestOne(warehouse: Warehouse, config: Config, source: string, inputs: string[]): Promise<SourceSummary> {
  return ingest(warehouse, SOURCES[source], inputs, {
    context: ingestContext(config),
    workers: config.ingest.workers,
    progress: 'off',
  });
}

function summarize(summaries: SourceSummary[]): StageSummary {
  return {
    rowsIn: summaries.reduce((sum, s) => sum + s.records, 0),
    rowsOut: summaries.reduce((sum, s) => sum + totals(s).loaded, 0),
    rowsRejected: summaries.reduce((sum, s) => sum + s.rejected, 0),
    detail: Object.fromEntries(summaries.map((s) => [s.source, { records: s.records, rejected: s.rejected, tables: s.tables, failures: s.failures }])),
  };
}
