import { mean, standardDeviation } from 'simple-statistics';
import { FEATURES, type FeatureName, type FeatureRow, type FeatureValues } from './features.js';

/** How one feature is turned into a standardized model input; fitted on training rows and stored in the artifact. */
export interface FeatureScaling {
  readonly name: FeatureName;
  readonly transform: 'none' | 'log1p';
  /** Missing values and values above it become this cap (days-since features); null: missing means "unknown". */
  readonly cap: number | null;
  /** Mean and population standard deviation of the transformed values on the training rows. */
  readonly mean: number;
  readonly std: number;
}

function transformValue(transform: FeatureScaling['transform'], value: number): number {
  return transform === 'log1p' ? Math.log1p(Math.max(value, 0)) : value;
}

/** The raw value whose transform is `transformed`: what "usual" means when a reason is put in words. */
export function untransform(transform: FeatureScaling['transform'], transformed: number): number {
  return transform === 'log1p' ? Math.expm1(transformed) : transformed;
}

/** The transformed value of a raw one, or null when it is unknown and so sits at the mean. */
function prepared(scaling: Pick<FeatureScaling, 'transform' | 'cap'>, raw: number | null): number | null {
  if (raw === null) return scaling.cap === null ? null : transformValue(scaling.transform, scaling.cap);
  return transformValue(scaling.transform, scaling.cap === null ? raw : Math.min(raw, scaling.cap));
}

export function fitScaling(rows: readonly FeatureRow[]): FeatureScaling[] {
  if (rows.length === 0) throw new Error('cannot fit feature scaling on zero rows');
  return FEATURES.map((feature) => {
    const cap = feature.missing === 'mean' ? null : feature.missing;
    const base = { name: feature.name, transform: feature.transform, cap };
    const values = rows.map((row) => prepared(base, row.features[feature.name])).filter((value): value is number => value !== null);
    if (values.length === 0) return { ...base, mean: 0, std: 1 };
    const std = standardDeviation(values);
    // A feature that never varies in training carries no signal; std 1 keeps it at z = 0 instead of dividing by zero.
    return { ...base, mean: mean(values), std: std > 0 ? std : 1 };
  });
}

/** Standardized inputs in feature order; an unknown value is 0 (the training mean), so it pushes the score neither way. */
export function standardize(values: FeatureValues, scaling: readonly FeatureScaling[]): number[] {
  return scaling.map((feature) => {
    const value = prepared(feature, values[feature.name]);
    return value === null ? 0 : (value - feature.mean) / feature.std;
  });
}
