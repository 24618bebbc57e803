/** Exact median: the middle value, or the mean of the two middle values (METRICS.md). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Scale factor that makes the MAD estimate the standard deviation of normal data. */
const MAD_TO_SIGMA = 1.4826;
/** The same for the mean absolute deviation, used when more than half the values are equal (MAD = 0). */
const MEAN_AD_TO_SIGMA = 1.2533;

export interface RobustScale {
  median: number;
  mad: number;
  /** The spread used for z-scores: 1.4826 × MAD, or 1.2533 × mean absolute deviation when MAD is 0. */
  scale: number;
}

export function robustScale(values: readonly number[]): RobustScale {
  const center = median(values);
  const deviations = values.map((v) => Math.abs(v - center));
  const mad = median(deviations);
  const scale = mad > 0 ? MAD_TO_SIGMA * mad : (MEAN_AD_TO_SIGMA * deviations.reduce((a, b) => a + b, 0)) / deviations.length;
  return { median: center, mad, scale };
}

/** Robust z-score; a deviation from a perfectly constant history is infinitely unusual. */
export function robustZ(value: number, spread: RobustScale): number {
  const distance = value - spread.median;
  if (spread.scale > 0) return distance / spread.scale;
  return distance === 0 ? 0 : Math.sign(distance) * Infinity;
}
