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

/** ln Γ(x) for x > 0 (Lanczos, g = 7): enough digits for binomial tail probabilities. */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(lnChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≥ x) for X ~ Binomial(n, p): how surprising x or more successes are. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Summed from the side with fewer terms, so a tiny tail keeps its digits.
  if (x > n * p) {
    let tail = 0;
    for (let k = x; k <= n; k++) {
      const term = binomialPmf(k, n, p);
      tail += term;
      if (term < tail * 1e-16) break;
    }
    return Math.min(1, tail);
  }
  return Math.max(0, 1 - binomialLowerTail(x - 1, n, p));
}

/** P(X ≤ x) for X ~ Binomial(n, p). */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (x < n * p) {
    let tail = 0;
    for (let k = x; k >= 0; k--) {
      const term = binomialPmf(k, n, p);
      tail += term;
      if (term < tail * 1e-16) break;
    }
    return Math.min(1, tail);
  }
  return Math.max(0, 1 - binomialUpperTail(x + 1, n, p));
}

function poissonPmf(k: number, lambda: number): number {
  return Math.exp(k * Math.log(lambda) - lambda - lnGamma(k + 1));
}

/** P(X ≤ x) for X ~ Poisson(lambda): how surprising a count of x or fewer is. */
export function poissonLowerTail(x: number, lambda: number): number {
  if (x < 0) return 0;
  let tail = 0;
  for (let k = Math.floor(x); k >= 0; k--) {
    const term = poissonPmf(k, lambda);
    tail += term;
    if (k < lambda && term < tail * 1e-16) break;
  }
  return Math.min(1, tail);
}

/** P(X ≥ x) for X ~ Poisson(lambda). */
export function poissonUpperTail(x: number, lambda: number): number {
  return x <= 0 ? 1 : Math.max(0, 1 - poissonLowerTail(Math.ceil(x) - 1, lambda));
}

/**
 * P(X ≤ x) for X ~ Hypergeometric: `draws` successes shared at random between a group of `size`
 * and one of `others` (Fisher's exact test, one-sided, of the first group's share being low).
 */
export function hypergeometricLowerTail(x: number, size: number, others: number, draws: number): number {
  const low = Math.max(0, draws - others);
  const high = Math.min(size, draws);
  if (x < low) return 0;
  if (x >= high) return 1;
  const total = lnChoose(size + others, draws);
  let tail = 0;
  for (let k = low; k <= x; k++) tail += Math.exp(lnChoose(size, k) + lnChoose(others, draws - k) - total);
  return Math.min(1, tail);
}

/** P(X ≥ x) for the same hypergeometric X. */
export function hypergeometricUpperTail(x: number, size: number, others: number, draws: number): number {
  return Math.max(0, 1 - hypergeometricLowerTail(x - 1, size, others, draws));
}
