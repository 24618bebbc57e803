import type { Config } from '../config/schema.js';
import { initWarehouse, topologyOf } from '../warehouse/init.js';
import { openWarehouse } from '../warehouse/open.js';
import { loadPipeline } from './definition.js';
import type { StageRegistry } from './registry.js';
import type { RunRecord } from './run-history.js';
import { runPipeline, type RunReporter } from './runner.js';

/** The `demo` pipeline with its ingest reading the generated data set in `dataDir`. */
export async function runDemoPipeline(config: Config, stages: StageRegistry, dataDir: string, reporter: RunReporter): Promise<RunRecord> {
  const pipeline = loadPipeline(config, stages, 'demo');
  for (const step of pipeline.steps) {
    if (step.stage.name === 'ingest') step.options = { source: 'dataset', paths: [dataDir] };
  }
  // The run log lives in the warehouse, so its tables exist before the pipeline starts.
  const warehouse = await openWarehouse(config, { create: true });
  await initWarehouse(warehouse, topologyOf(config, warehouse)).finally(() => warehouse.close());
  return runPipeline({ config, openWarehouse: () => openWarehouse(config, { create: true }), reporter }, pipeline);
}
