import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/churn/artifact.js';
import { FEATURE_NAMES, featureDefinition, type FeatureValues } from '../../src/churn/features.js';
import { readFeatureRows } from '../../src/churn/features-model.js';
import { rocAuc, type Label } from '../../src/churn/metrics.js';
import { churnProbability, type ChurnModel } from '../../src/churn/model.js';
import { scoreWarehouse, trainFromWarehouse, type TrainResult } from '../../src/churn/run.js';
import { untransform } from '../../src/churn/scaling.js';
import { addDays } from '../../src/churn/dates.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { customerKey } from '../models/customer-key.js';
import { runTransform } from '../../src/transform/run.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import { openClickHouseServer } from '../harness/targets.js';
import { churnStage } from '../../src/churn/stages.js';
import type { StageContext } from '../../src/pipelines/stage.js';
import { simulateWorld } from './world.js';

const world = simulateWorld({ customers: 240, days: 300, seed: 1, start: '2026-01-01' });

async function prepared(warehouse: Warehouse, config: Config): Promise<Warehouse> {
  await initWarehouse(warehouse);
  await world.landing.load(warehouse);
  await runTransform(warehouse, config);
  return warehouse;
}

async function scoresOf(warehouse: Warehouse): Promise<Row[]> {
  return warehouse.query('SELECT * FROM churn_scores ORDER BY customer_key');
}

describe('churn on a simulated shop whose churners are known, on DuckDB and the ClickHouse server', () => {
  const config = configSchema.parse({ churn: { model_dir: mkdtempSync(join(tmpdir(), 'churn-models-')) } });
  let duckdb: Warehouse;
  let clickhouse: Warehouse;
  let trained: TrainResult;

  beforeAll(async () => {
    [duckdb, clickhouse] = await Promise.all([
      DuckDBWarehouse.open({ path: ':memory:' }).then((w) => prepared(w, config)),
      openClickHouseServer().then((w) => prepared(w, config)),
    ]);
    trained = await trainFromWarehouse(duckdb, config);
  });
  afterAll(async () => {
    await duckdb?.close();
    await clickhouse?.close();
  });

  it('ranks held-out customers with AUC ≥ 0.80, better than recency alone, on a later cut-off than it trained on', () => {
    const { metrics, training } = trained.model;
    expect(training.cutoffs.every((cutoff) => addDays(cutoff, 60) <= training.evaluation_cutoff)).toBe(true);
    expect(metrics.test.rows).toBeGreaterThan(150);
    expect(metrics.test.roc_auc).toBeGreaterThanOrEqual(0.8);
    expect(metrics.test.roc_auc).toBeGreaterThan(metrics.baselines.recency.roc_auc!);
    expect(metrics.test.pr_auc).toBeGreaterThan(metrics.baselines.recency.pr_auc!);
    expect(metrics.test.brier).toBeLessThan(metrics.baselines.recency.brier);
  });

  it('writes the artifact it trained, with its model card', () => {
    expect(loadModel(trained.saved.json)).toEqual(trained.model);
    expect(readFileSync(trained.saved.card, 'utf8')).toContain(`ROC AUC | ${trained.model.metrics.test.roc_auc!.toFixed(3)}`);
  });

  it('learns the same model from the ClickHouse server', async () => {
    const other = await trainFromWarehouse(clickhouse, { ...config, churn: { ...config.churn, model_dir: mkdtempSync(join(tmpdir(), 'churn-ch-')) } });
    expect(other.model.training).toEqual(trained.model.training);
    other.model.features.forEach((feature, j) => {
      const reference = trained.model.features[j];
      expect(Math.abs(feature.coefficient - reference.coefficient)).toBeLessThan(1e-9);
      expect(Math.abs(feature.mean - reference.mean)).toBeLessThan(1e-9);
    });
    expect(other.model.metrics.test.roc_auc).toBeCloseTo(trained.model.metrics.test.roc_auc!, 9);
  });

  it('scores the same customers identically twice, and identically on DuckDB and ClickHouse', async () => {
    const options = { modelFile: trained.saved.json };
    const first = await scoreWarehouse(duckdb, config, options);
    const once = await scoresOf(duckdb);
    await scoreWarehouse(duckdb, config, options);
    expect(await scoresOf(duckdb)).toEqual(once);
    expect(first).toMatchObject({ as_of: world.lastDate, customers: once.length, model_version: trained.model.model_version });

    await scoreWarehouse(clickhouse, config, options);
    const onClickHouse = await scoresOf(clickhouse);
    expect(onClickHouse.map(({ probability, ...rest }) => rest)).toEqual(once.map(({ probability, ...rest }) => rest));
    onClickHouse.forEach((row, i) => expect(Math.abs((row.probability as number) - (once[i].probability as number))).toBeLessThan(1e-9));
  });

  it('scores planted churners already in decline above customers the simulation left alone', async () => {
    const asOf = trained.model.training.evaluation_cutoff;
    await scoreWarehouse(duckdb, config, { modelFile: trained.saved.json, asOf });
    const scores = await scoresOf(duckdb);
    const declining = new Set(world.churners.filter((c) => c.declineStart <= asOf && c.churnDate > asOf).map((c) => customerKey(c.phone)));
    // Churners not yet declining look like anyone else, and pausing customers are unforeseeable: both are left out.
    const planted = new Set([
      ...world.churners.map((c) => customerKey(c.phone)),
      ...world.pauses.filter((p) => p.until >= addDays(asOf, -60) && p.from <= addDays(asOf, 60)).map((p) => customerKey(p.phone)),
    ]);
    const compared = scores.filter((row) => declining.has(String(row.customer_key)) || !planted.has(String(row.customer_key)));
    const labels = compared.map((row) => (declining.has(String(row.customer_key)) ? 1 : 0) as Label);
    const mean = (label: Label) => {
      const values = compared.filter((_, i) => labels[i] === label).map((row) => row.probability as number);
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    expect(labels.filter((label) => label === 1).length).toBeGreaterThanOrEqual(10);
    expect(mean(1)).toBeGreaterThan(2 * mean(0));
    expect(rocAuc(compared.map((row) => row.probability as number), labels)).toBeGreaterThan(0.7);
  });

  it("names as reasons exactly the features whose removal would lower the customer's score most", async () => {
    const model: ChurnModel = trained.model;
    await scoreWarehouse(duckdb, config, { modelFile: trained.saved.json });
    const features = new Map((await readFeatureRows(duckdb)).map((row) => [row.customer_key, row.features]));
    const scores = await scoresOf(duckdb);
    let checked = 0;
    for (const score of scores) {
      const values = features.get(String(score.customer_key))!;
      const probability = churnProbability(model, values);
      // Setting a feature to its usual value (z = 0) removes exactly its push on the score.
      const drops = model.features
        .map((feature) => {
          const usual: FeatureValues = { ...values, [feature.name]: untransform(feature.transform, feature.mean) };
          return { name: feature.name, drop: probability - churnProbability(model, usual) };
        })
        .filter(({ drop }) => drop > 1e-12)
        .sort((a, b) => b.drop - a.drop)
        .slice(0, 3);
      const named = [score.reason_1, score.reason_2, score.reason_3].filter((reason): reason is string => reason !== null);
      expect(named).toHaveLength(drops.length);
      drops.forEach(({ name }, i) => {
        const label = featureDefinition(name).label;
        expect(named[i].toLowerCase().startsWith(`${label}:`.toLowerCase()), `${score.customer_key} reason ${i + 1}`).toBe(true);
      });
      if (drops.length === 3) checked++;
    }
    expect(checked).toBeGreaterThan(scores.length / 2);
    expect(FEATURE_NAMES).toHaveLength(model.features.length);
  });

  it('runs as the pipelines\' churn stage: trains when there is no model, then only scores', async () => {
    const stageConfig = { ...config, churn: { ...config.churn, model_dir: mkdtempSync(join(tmpdir(), 'churn-stage-')) } };
    const progress: number[] = [];
    const context = (signal = new AbortController().signal): StageContext => ({
      warehouse: duckdb,
      config: stageConfig,
      log: { info: () => undefined, warn: () => undefined },
      progress: { start: (total) => progress.push(total ?? -1), advance: () => progress.push(0), finish: () => undefined },
      signal,
      run: { id: 'r1', pipeline: 'nightly', step: 'churn' },
    });
    const options = churnStage.options.parse({});
    await expect(churnStage.run(context(), churnStage.options.parse({ train_if_missing: false }))).rejects.toThrow(/no usable churn model in .* train_if_missing is false/);

    const first = await churnStage.run(context(), options);
    expect(first.detail).toMatchObject({ trained: { model_version: trained.model.model_version }, customers: first.rowsOut });
    expect(progress).toEqual([7, 0, 0, 0, 0, 0, 0, 0]);
    const second = await churnStage.run(context(), options);
    expect(second.detail?.trained).toBeUndefined();
    expect(second.rowsOut).toBe(first.rowsOut);

    const aborted = new AbortController();
    aborted.abort();
    await expect(churnStage.run(context(aborted.signal), options)).rejects.toThrow();
    expect(() => churnStage.options.parse({ retrain: true })).toThrow();
  });
});
