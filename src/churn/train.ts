import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { addDays } from './dates.js';
import type { LabeledRow } from './features.js';
import { fitLogistic, predictProbability } from './logistic.js';
import { bestF1Threshold, evaluate, type Evaluation, type Label } from './metrics.js';
import { churnProbability, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ChurnModel, type ModelFeature } from './model.js';
import { isRecoveryCandidate } from './rule.js';
import { fitScaling, standardize } from './scaling.js';

/** The label horizon of METRICS.md: churned = no inbound content message and no order in this many days after the cut-off. */
export const HORIZON_DAYS = 60;
/** The longest look-back window of any feature (inbound messages, orders and revenue in the last 90 days). */
export const LOOKBACK_DAYS = 90;

export const LABEL_DEFINITION = `churned = no inbound content message and no order in the ${HORIZON_DAYS} days after as_of`;

export interface TrainingSet {
  readonly train: readonly LabeledRow[];
  readonly test: readonly LabeledRow[];
  readonly trainingCutoffs: readonly string[];
  readonly evaluationCutoff: string;
}

export interface TrainingOptions {
  readonly l2: number;
  readonly classWeight: 'balanced' | 'none';
  readonly activeDays: number;
  readonly engine: string;
  /** ISO time written into the artifact; the only field that differs between two trainings on the same data. */
  readonly trainedAt: string;
}

interface WeightedFit {
  readonly intercept: number;
  readonly coefficients: number[];
  readonly iterations: number;
  readonly weights: { churned: number; stayed: number };
  readonly interceptCorrection: number;
}

/**
 * Balanced class weights let the rarer class shape the slopes as much as the common one. Weighting
 * shifts the fitted log-odds by log(w_churned / w_stayed) (as case-control sampling does), so that
 * amount is taken off the intercept and the probabilities estimate the real churn rate again.
 */
function fitWeighted(x: number[][], labels: Label[], options: TrainingOptions): WeightedFit {
  const churned = labels.filter((label) => label === 1).length;
  const stayed = labels.length - churned;
  if (churned === 0 || stayed === 0) {
    throw new Error(`the training rows hold ${churned} churners and ${stayed} stayers: both classes are needed to train`);
  }
  const weights =
    options.classWeight === 'balanced'
      ? { churned: labels.length / (2 * churned), stayed: labels.length / (2 * stayed) }
      : { churned: 1, stayed: 1 };
  const fit = fitLogistic(x, labels, { l2: options.l2, weights: labels.map((label) => (label ? weights.churned : weights.stayed)) });
  const interceptCorrection = Math.log(weights.churned / weights.stayed);
  return { intercept: fit.intercept - interceptCorrection, coefficients: fit.coefficients, iterations: fit.iterations, weights, interceptCorrection };
}

function packageVersions(names: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  for (const name of names) {
    versions[name] = (JSON.parse(readFileSync(projectPath('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return versions;
}

function labelsOf(rows: readonly LabeledRow[]): Label[] {
  return rows.map((row) => row.label);
}

/** The recency baseline: the same fit on days since the last inbound message alone, evaluated the same way. */
function recencyBaseline(train: readonly LabeledRow[], test: readonly LabeledRow[], options: TrainingOptions): Evaluation {
  const scaling = fitScaling(train).filter((feature) => feature.name === 'days_since_last_inbound');
  const inputs = (rows: readonly LabeledRow[]) => rows.map((row) => standardize(row.features, scaling));
  const fit = fitWeighted(inputs(train), labelsOf(train), options);
  const threshold = bestF1Threshold(inputs(train).map((x) => predictProbability(fit, x)), labelsOf(train));
  return evaluate(inputs(test).map((x) => predictProbability(fit, x)), labelsOf(test), threshold);
}

/** The playbook's rule as a 0/1 score: flagged rows are predicted to churn. */
function businessRuleBaseline(test: readonly LabeledRow[]): Evaluation {
  return evaluate(test.map((row) => (isRecoveryCandidate(row.features) ? 1 : 0)), labelsOf(test), 1);
}

/**
 * Fits the churn model on the training cut-offs, chooses its decision threshold on them, and
 * measures it and both baselines on the held-out evaluation cut-off.
 */
export function trainChurnModel(data: TrainingSet, options: TrainingOptions): ChurnModel {
  if (data.test.length === 0) throw new Error(`the evaluation cut-off ${data.evaluationCutoff} has no customers to evaluate on`);
  const cutoffs = [...data.trainingCutoffs].sort();
  if (cutoffs.length === 0) throw new Error('no training cut-offs');
  const lastLabelDay = addDays(cutoffs[cutoffs.length - 1], HORIZON_DAYS);
  if (lastLabelDay > data.evaluationCutoff) {
    throw new Error(`training labels run to ${lastLabelDay}, past the evaluation cut-off ${data.evaluationCutoff}: the evaluation would see its own future`);
  }
  const scaling = fitScaling(data.train);
  const x = data.train.map((row) => standardize(row.features, scaling));
  const fit = fitWeighted(x, labelsOf(data.train), options);
  const features: ModelFeature[] = scaling.map((feature, j) => ({ ...feature, coefficient: fit.coefficients[j] }));
  const model = { features, intercept: fit.intercept };
  const probabilities = (rows: readonly LabeledRow[]) => rows.map((row) => churnProbability(model, row.features));

  const trainProbabilities = probabilities(data.train);
  const threshold = bestF1Threshold(trainProbabilities, labelsOf(data.train));
  // Rounded so that fits on DuckDB and ClickHouse, which differ only in the last bits of their
  // float sums, get the same version.
  const stable = (_key: string, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(10)) : value);
  const hash = createHash('sha256').update(JSON.stringify({ features, intercept: fit.intercept, threshold }, stable)).digest('hex').slice(0, 10);

  return {
    format: MODEL_FORMAT,
    format_version: MODEL_FORMAT_VERSION,
    model_version: `${data.evaluationCutoff}-${hash}`,
    trained_at: options.trainedAt,
    engine: options.engine,
    label: { horizon_days: HORIZON_DAYS, definition: LABEL_DEFINITION },
    population: { active_days: options.activeDays },
    features,
    intercept: fit.intercept,
    threshold,
    training: {
      cutoffs,
      evaluation_cutoff: data.evaluationCutoff,
      window: { from: addDays(cutoffs[0], -LOOKBACK_DAYS + 1), to: lastLabelDay },
      rows: data.train.length,
      churned: labelsOf(data.train).filter((label) => label === 1).length,
      class_weight: options.classWeight,
      weights: fit.weights,
      intercept_correction: fit.interceptCorrection,
      l2: options.l2,
      solver: 'newton-irls',
      iterations: fit.iterations,
    },
    metrics: {
      train: evaluate(trainProbabilities, labelsOf(data.train), threshold),
      test: evaluate(probabilities(data.test), labelsOf(data.test), threshold),
      baselines: { recency: recencyBaseline(data.train, data.test, options), business_rule: businessRuleBaseline(data.test) },
    },
    packages: packageVersions(['ml-matrix', 'simple-statistics']),
  };
}
