import { z } from 'zod';
import { FEATURE_NAMES, type FeatureValues } from './features.js';
import { predictProbability } from './logistic.js';
import type { Evaluation } from './metrics.js';
import { reasonsFor, type Reason } from './reasons.js';
import { standardize, type FeatureScaling } from './scaling.js';

export const MODEL_FORMAT = 'scrm.churn-model';
export const MODEL_FORMAT_VERSION = 1;

/** One model input: how it is scaled and its weight on the standardized scale. */
export interface ModelFeature extends FeatureScaling {
  readonly coefficient: number;
}

export interface TrainingSummary {
  /** Cut-offs (local dates) whose labelled rows trained the model. */
  readonly cutoffs: string[];
  /** The later cut-off held out for evaluation; training labels end before it, so nothing leaks from its future. */
  readonly evaluation_cutoff: string;
  /** First day of feature history used and last day of label horizon used in training (local dates). */
  readonly window: { readonly from: string; readonly to: string };
  readonly rows: number;
  readonly churned: number;
  readonly class_weight: 'balanced' | 'none';
  readonly weights: { readonly churned: number; readonly stayed: number };
  /** log(w_churned / w_stayed), subtracted from the fitted intercept so probabilities estimate the real churn rate. */
  readonly intercept_correction: number;
  readonly l2: number;
  readonly solver: 'newton-irls';
  readonly iterations: number;
}

export interface ModelMetrics {
  /** In-sample, on the training rows: compare with `test` to see overfitting. */
  readonly train: Evaluation;
  /** On the held-out evaluation cut-off. */
  readonly test: Evaluation;
  readonly baselines: {
    /** A logistic regression on days since the last inbound message alone, trained the same way. */
    readonly recency: Evaluation;
    /** The playbook's recovery rule as a 0/1 score (its Brier score is its error rate). */
    readonly business_rule: Evaluation;
  };
}

export interface ChurnModel {
  readonly format: typeof MODEL_FORMAT;
  readonly format_version: typeof MODEL_FORMAT_VERSION;
  /** `<evaluation cut-off>-<hash of the fitted parameters>`: the same data gives the same version. */
  readonly model_version: string;
  readonly trained_at: string;
  readonly engine: string;
  readonly label: { readonly horizon_days: number; readonly definition: string };
  readonly population: { readonly active_days: number };
  readonly features: ModelFeature[];
  readonly intercept: number;
  /** Decision threshold on the probability, chosen on the training rows (best F1). */
  readonly threshold: number;
  readonly training: TrainingSummary;
  readonly metrics: ModelMetrics;
  /** Versions of the packages that fitted and evaluated the model. */
  readonly packages: Record<string, string>;
}

export interface ScoreExplanation {
  readonly probability: number;
  readonly reasons: Reason[];
}

function coefficientsOf(model: Pick<ChurnModel, 'features'>): number[] {
  return model.features.map((feature) => feature.coefficient);
}

export function churnProbability(model: Pick<ChurnModel, 'features' | 'intercept'>, values: FeatureValues): number {
  return predictProbability({ intercept: model.intercept, coefficients: coefficientsOf(model) }, standardize(values, model.features));
}

export function explainScore(model: Pick<ChurnModel, 'features' | 'intercept'>, values: FeatureValues): ScoreExplanation {
  const standardized = standardize(values, model.features);
  const coefficients = coefficientsOf(model);
  return {
    probability: predictProbability({ intercept: model.intercept, coefficients }, standardized),
    reasons: reasonsFor(values, standardized, coefficients, model.features),
  };
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

/** What scoring relies on is checked strictly; the metrics are a report and pass through as written. */
const modelSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    format_version: z.literal(MODEL_FORMAT_VERSION),
    model_version: z.string().min(1),
    trained_at: z.string(),
    engine: z.string(),
    label: z.object({ horizon_days: z.number().int().positive(), definition: z.string() }),
    population: z.object({ active_days: z.number().int().positive() }),
    features: z
      .array(
        z.object({
          name: z.enum(FEATURE_NAMES as [string, ...string[]]),
          transform: z.enum(['none', 'log1p']),
          cap: finite.nullable(),
          mean: finite,
          std: finite.positive(),
          coefficient: finite,
        }),
      )
      .refine((features) => features.map((f) => f.name).join() === FEATURE_NAMES.join(), {
        message: `expected the features ${FEATURE_NAMES.join(', ')} in that order (a model trained on another feature set: retrain with \`scrm churn train\`)`,
      }),
    intercept: finite,
    threshold: finite,
    training: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.unknown()),
    packages: z.record(z.string(), z.string()),
  })
  .strict();

export function parseModel(json: unknown, source: string): ChurnModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: not a churn model artifact: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data as unknown as ChurnModel;
}
