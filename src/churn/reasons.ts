import { featureDefinition, type FeatureName, type FeatureValues } from './features.js';
import { untransform, type FeatureScaling } from './scaling.js';

/** One feature that pushes a customer's churn score up, with the words a CRM user reads. */
export interface Reason {
  readonly feature: FeatureName;
  /** coefficient × standardized value: how much this feature adds to the log-odds of churn. */
  readonly contribution: number;
  readonly text: string;
}

function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

function describe(scaling: FeatureScaling, raw: number | null, standardized: number): string {
  const definition = featureDefinition(scaling.name);
  const label = definition.label[0].toUpperCase() + definition.label.slice(1);
  const value = raw === null ? `never (counted as ${formatNumber(scaling.cap ?? 0, 0)})` : `${formatNumber(raw, definition.decimals)}${definition.unit}`;
  const usual = `${formatNumber(untransform(scaling.transform, scaling.mean), definition.decimals)}${definition.unit}`;
  return `${label}: ${value}, ${standardized > 0 ? 'higher' : 'lower'} than the usual ${usual}`;
}

/**
 * The features that push this customer's score up the most: positive contributions only,
 * largest first (feature order on a tie), at most `count`. A feature at its training mean
 * (or unknown) contributes nothing and is never a reason.
 */
export function reasonsFor(
  values: FeatureValues,
  standardized: readonly number[],
  coefficients: readonly number[],
  scaling: readonly FeatureScaling[],
  count = 3,
): Reason[] {
  return scaling
    .map((feature, j) => ({ j, contribution: coefficients[j] * standardized[j] }))
    .filter(({ contribution }) => contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || a.j - b.j)
    .slice(0, count)
    .map(({ j, contribution }) => ({
      feature: scaling[j].name,
      contribution,
      text: describe(scaling[j], values[scaling[j].name], standardized[j]),
    }));
}
