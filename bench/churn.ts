import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreWarehouse, trainFromWarehouse } from '../src/churn/run.js';
import { configSchema } from '../src/config/schema.js';
import { runTransform } from '../src/transform/run.js';
import { DuckDBWarehouse } from '../src/warehouse/duckdb.js';
import { medianOfRuns, round, timed, type BenchOptions, type BenchResult } from './measure.js';
import { loadLanding } from './models.js';

/**
 * Four copies of the eight-week base span 32 weeks: training needs 176 days (history, then the
 * training and evaluation label horizons of 60 days each).
 */
const MIN_COPIES = 4;

/**
 * Churn training (features and labels at every cut-off, the fit, the held-out evaluation) and
 * scoring (features as of the last date, scores published) on DuckDB over the models bench's
 * landing data with the DAG built (not timed).
 */
export async function benchChurn(options: BenchOptions): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-bench-churn-'));
  const config = configSchema.parse({ churn: { model_dir: join(dir, 'models') } });
  const warehouse = await DuckDBWarehouse.open({ path: join(dir, 'churn.duckdb') });
  try {
    const messages = await loadLanding(warehouse, options.messages, MIN_COPIES);
    await runTransform(warehouse, config);
    const loadBefore = loadavg()[0];
    const training: number[] = [];
    const scoring: number[] = [];
    let trained: Awaited<ReturnType<typeof trainFromWarehouse>> | undefined;
    let scored: Awaited<ReturnType<typeof scoreWarehouse>> | undefined;
    for (let run = 0; run < options.runs; run++) {
      const train = await timed(() => trainFromWarehouse(warehouse, config));
      training.push(train.seconds);
      trained = train.value;
      const score = await timed(() => scoreWarehouse(warehouse, config, { modelFile: train.value.saved.json }));
      scoring.push(score.seconds);
      scored = score.value;
    }
    const common = { messages, load_average_before: round(loadBefore, 2), load_average_after: round(loadavg()[0], 2) };
    return [
      {
        name: 'churn_training',
        engine: 'duckdb',
        metric: 'seconds',
        ...medianOfRuns(training, (s) => round(s, 2)),
        details: { ...common, model_metrics: trained?.model.metrics },
      },
      {
        name: 'churn_scoring',
        engine: 'duckdb',
        metric: 'seconds',
        ...medianOfRuns(scoring, (s) => round(s, 2)),
        details: { ...common, customers_scored: scored?.customers, bands: scored?.bands },
      },
    ];
  } finally {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
