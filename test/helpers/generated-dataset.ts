import type { Config } from '../../src/config/schema.js';
import { withGeneratedShopNames } from '../../src/generate/options.js';
import { ingestContext } from '../../src/ingest/context.js';
import { datasetSteps } from '../../src/ingest/dataset.js';
import { ingest } from '../../src/ingest/run.js';
import type { Warehouse } from '../../src/warehouse/types.js';

/** Loads a data set `scrm generate` wrote, every source as the `dataset` ingest stage does, in this process. */
export async function ingestGeneratedDataset(warehouse: Warehouse, config: Config, dir: string): Promise<void> {
  const context = ingestContext(withGeneratedShopNames(config));
  for (const step of datasetSteps(dir)) {
    await ingest(warehouse, step.source, step.inputs, { context, workers: 0, progress: 'off' });
  }
}
