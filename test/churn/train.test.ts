import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasModel, loadLatestModel, loadModel, saveModel } from '../../src/churn/artifact.js';
import { addDays } from '../../src/churn/dates.js';
import { rocAuc } from '../../src/churn/metrics.js';
import { scoreCustomers } from '../../src/churn/score.js';
import { HORIZON_DAYS, trainChurnModel, type TrainingOptions } from '../../src/churn/train.js';
import { cutoffsEnding, syntheticRows } from './synthetic.js';

const EVALUATION = '2026-09-01';
const TRAINING_CUTOFFS = cutoffsEnding(addDays(EVALUATION, -HORIZON_DAYS), 4, 14);
const train = syntheticRows(1500, TRAINING_CUTOFFS, 1);
const test = syntheticRows(3000, [EVALUATION], 2);
const OPTIONS: TrainingOptions = { l2: 1, classWeight: 'balanced', activeDays: 90, engine: 'duckdb', trainedAt: '2026-11-26T00:00:00.000Z' };
const model = trainChurnModel({ train, test, trainingCutoffs: TRAINING_CUTOFFS, evaluationCutoff: EVALUATION }, OPTIONS);

describe('training on synthetic customers whose churn follows a known law', () => {
  it('ranks held-out customers almost as well as the true probabilities, and better than recency alone', () => {
    const oracle = rocAuc(test.map((row) => row.trueProbability), test.map((row) => row.label))!;
    const metrics = model.metrics;
    expect(metrics.test.roc_auc).toBeGreaterThan(oracle - 0.02);
    expect(metrics.test.roc_auc).toBeGreaterThan(metrics.baselines.recency.roc_auc! + 0.03);
    expect(metrics.test.pr_auc).toBeGreaterThan(metrics.baselines.recency.pr_auc!);
    expect(metrics.test.brier).toBeLessThan(metrics.baselines.recency.brier);
    expect(metrics.test.lift_top_decile).toBeGreaterThan(1.5);
  });

  it('corrects the intercept for the class weights, so probabilities match the real churn rate', () => {
    const test = model.metrics.test;
    const meanPredicted = test.calibration.reduce((sum, bin) => sum + bin.mean_predicted * bin.rows, 0) / test.rows;
    expect(Math.abs(meanPredicted - test.base_rate)).toBeLessThan(0.02);
    expect(model.training.intercept_correction).toBeCloseTo(Math.log(model.training.weights.churned / model.training.weights.stayed), 12);
    // uncorrected, the mean prediction would sit near ½ rather than near the churn rate
    expect(test.base_rate).toBeLessThan(0.4);
    for (const bin of test.calibration) expect(Math.abs(bin.mean_predicted - bin.observed_rate)).toBeLessThan(0.08);
  });

  it('gets the signs of the law right', () => {
    const coefficient = Object.fromEntries(model.features.map((f) => [f.name, f.coefficient]));
    expect(coefficient.days_since_last_inbound).toBeGreaterThan(0);
    expect(coefficient.last_conversation_sentiment).toBeLessThan(0);
    expect(coefficient.complaints_30d).toBeGreaterThan(0);
    expect(coefficient.median_response_s_30d).toBeGreaterThan(0);
    expect(coefficient.weekly_rate_ratio).toBeLessThan(0);
  });

  it('records the cut-offs, the window and the threshold chosen on training rows', () => {
    expect(model.training).toMatchObject({
      cutoffs: TRAINING_CUTOFFS,
      evaluation_cutoff: EVALUATION,
      window: { from: addDays(TRAINING_CUTOFFS[0], -89), to: EVALUATION },
      rows: 6000,
      solver: 'newton-irls',
    });
    expect(model.threshold).toBe(model.metrics.train.confusion.threshold);
    expect(model.metrics.test.confusion.threshold).toBe(model.threshold);
    expect(model.packages).toMatchObject({ 'ml-matrix': expect.stringMatching(/^\d+\.\d+\.\d+/), 'simple-statistics': expect.stringMatching(/^\d/) });
  });

  it('refuses training labels that run past the evaluation cut-off', () => {
    const late = [addDays(EVALUATION, -HORIZON_DAYS + 1)];
    expect(() => trainChurnModel({ train, test, trainingCutoffs: late, evaluationCutoff: EVALUATION }, OPTIONS)).toThrow(
      /training labels run to 2026-09-02, past the evaluation cut-off 2026-09-01/,
    );
  });

  it('gives the same model version for the same data', () => {
    const again = trainChurnModel({ train, test, trainingCutoffs: TRAINING_CUTOFFS, evaluationCutoff: EVALUATION }, { ...OPTIONS, trainedAt: 'later' });
    expect(again.model_version).toBe(model.model_version);
    expect(model.model_version).toMatch(/^2026-09-01-[0-9a-f]{10}$/);
  });
});

describe('the model artifact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'churn-model-'));
  const saved = saveModel(model, dir);

  it('round-trips through JSON and scores exactly as before', () => {
    const loaded = loadModel(saved.json);
    expect(loaded).toEqual(model);
    const options = { bands: { high: 0.6, medium: 0.3 }, recoveryDiscountPercent: 15 };
    expect(scoreCustomers(loaded, test.slice(0, 50), options)).toEqual(scoreCustomers(model, test.slice(0, 50), options));
    expect(loadLatestModel(dir).model.model_version).toBe(model.model_version);
  });

  it('writes a model card beside it with the held-out figures and the baselines', () => {
    const card = readFileSync(saved.card, 'utf8');
    expect(saved.card).toBe(saved.json.replace(/\.json$/, '.md'));
    expect(card).toContain(`# Churn model ${model.model_version}`);
    expect(card).toContain(`| ROC AUC | ${model.metrics.test.roc_auc!.toFixed(3)} | ${model.metrics.baselines.recency.roc_auc!.toFixed(3)} |`);
    expect(card).toMatch(/Held-out evaluation \(cut-off 2026-09-01\)/);
    expect(card).toMatch(/ml-logistic-regression/);
  });

  it('rejects a damaged artifact, naming the file and the field', () => {
    const broken = JSON.parse(readFileSync(saved.json, 'utf8'));
    broken.features[2].std = 0;
    const file = join(dir, 'churn-broken.json');
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadModel(file)).toThrow(/churn-broken\.json: not a churn model artifact: features\.2\.std/);
    broken.features[2].std = 1;
    broken.features.reverse();
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadModel(file)).toThrow(/in that order/);
    // An artifact of the METRICS.md features alone, as trained before the rhythm features.
    broken.features = broken.features.reverse().slice(0, 14);
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadModel(file)).toThrow(/another feature set: retrain with `scrm churn train`/);
    writeFileSync(file, '{');
    expect(() => loadModel(file)).toThrow(/churn-broken\.json: not valid JSON/);
    expect(() => loadLatestModel(join(dir, 'none'))).toThrow(/no churn model in .*none: run `scrm churn train` first/);
  });

  it('scores with the newest usable model and keeps older feature sets as history only', () => {
    const history = mkdtempSync(join(tmpdir(), 'churn-history-'));
    const outdated = { ...JSON.parse(readFileSync(saved.json, 'utf8')), trained_at: '2099-01-01T00:00:00.000Z' };
    outdated.features = outdated.features.slice(0, 14);
    writeFileSync(join(history, 'churn-old.json'), JSON.stringify(outdated));
    expect(hasModel(history)).toBe(false);
    expect(() => loadLatestModel(history)).toThrow(/no usable churn model in .*churn-old\.json: .*retrain with `scrm churn train`/);
    saveModel(model, history);
    expect(hasModel(history)).toBe(true);
    expect(loadLatestModel(history).model.model_version).toBe(model.model_version);
  });
});
