import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * Binary logistic regression fitted by Newton's method (iteratively re-weighted least squares)
 * with per-row weights and an L2 penalty on the slopes (never on the intercept).
 *
 * Why not `ml-logistic-regression` alone: it runs a fixed number of plain gradient steps with a
 * fixed learning rate on the summed (not averaged) gradient, so whether it converges depends on
 * the row count; it has no convergence test, no regularization, no row or class weights and no
 * intercept. The model card says so; a test checks that both give the same coefficients where
 * both apply (no penalty, no weights, an explicit intercept column).
 */
export interface FitOptions {
  /** L2 penalty λ in  Σ wᵢ·logloss(i) + λ/2·Σⱼ βⱼ²  (slopes only). */
  readonly l2: number;
  /** One weight per row (e.g. class weights); all 1 when absent. */
  readonly weights?: readonly number[];
  readonly maxIterations?: number;
  /** Converged when no coefficient moves more than this in a full Newton step. */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: number[];
  readonly iterations: number;
  /** The penalized weighted negative log-likelihood at the solution. */
  readonly objective: number;
}

export class ConvergenceError extends Error {}

export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta)));
}

function linear(beta: readonly number[], row: readonly number[]): number {
  let eta = beta[0];
  for (let j = 0; j < row.length; j++) eta += beta[j + 1] * row[j];
  return eta;
}

function objective(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[], beta: readonly number[], l2: number): number {
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    const eta = linear(beta, x[i]);
    loss += w[i] * (softplus(eta) - y[i] * eta);
  }
  let penalty = 0;
  for (let j = 1; j < beta.length; j++) penalty += beta[j] * beta[j];
  return loss + (l2 / 2) * penalty;
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly (0 | 1)[], options: FitOptions): LogisticFit {
  const n = x.length;
  if (n === 0) throw new Error('cannot fit a logistic regression on zero rows');
  if (y.length !== n) throw new Error(`${n} feature rows but ${y.length} labels`);
  const p = x[0].length + 1;
  const w = options.weights ?? new Array<number>(n).fill(1);
  if (w.length !== n) throw new Error(`${n} rows but ${w.length} weights`);
  if (options.l2 < 0) throw new Error(`the L2 penalty must be ≥ 0, got ${options.l2}`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;

  let beta = new Array<number>(p).fill(0);
  let current = objective(x, y, w, beta, options.l2);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(p).fill(0);
    const lower = new Float64Array(p * p);
    const design = new Float64Array(p);
    design[0] = 1;
    for (let i = 0; i < n; i++) {
      design.set(x[i], 1);
      const prob = sigmoid(linear(beta, x[i]));
      const residual = w[i] * (prob - y[i]);
      const curvature = w[i] * prob * (1 - prob);
      for (let a = 0; a < p; a++) {
        gradient[a] += residual * design[a];
        const scaled = curvature * design[a];
        for (let b = 0; b <= a; b++) lower[a * p + b] += scaled * design[b];
      }
    }
    const hessian = Matrix.zeros(p, p);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        hessian.set(a, b, lower[a * p + b]);
        hessian.set(b, a, lower[a * p + b]);
      }
      if (a > 0) {
        gradient[a] += options.l2 * beta[a];
        hessian.set(a, a, lower[a * p + a] + options.l2);
      }
    }
    const cholesky = new CholeskyDecomposition(hessian);
    if (!cholesky.isPositiveDefinite()) {
      throw new ConvergenceError('the logistic regression Hessian is singular (a feature is constant or collinear); use an L2 penalty > 0');
    }
    const step = cholesky.solve(Matrix.columnVector(gradient)).to1DArray();

    if (Math.max(...step.map(Math.abs)) < tolerance) {
      const solution = beta.map((value, j) => value - step[j]);
      return { intercept: solution[0], coefficients: solution.slice(1), iterations: iteration, objective: objective(x, y, w, solution, options.l2) };
    }
    // Step halving keeps every iteration a descent step far from the optimum; near it, changes
    // smaller than the rounding error of a sum over all rows must not count as an increase.
    const noise = 1e-11 * (1 + Math.abs(current));
    let scale = 1;
    let candidate = beta.map((value, j) => value - step[j]);
    let next = objective(x, y, w, candidate, options.l2);
    while (next > current + noise && scale > 1e-10) {
      scale /= 2;
      candidate = beta.map((value, j) => value - scale * step[j]);
      next = objective(x, y, w, candidate, options.l2);
    }
    beta = candidate;
    current = next;
  }
  throw new ConvergenceError(
    `the logistic regression did not converge in ${maxIterations} Newton iterations (are the classes perfectly separable? an L2 penalty > 0 bounds the coefficients)`,
  );
}

/** P(y = 1) for standardized inputs. */
export function predictProbability(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, row: readonly number[]): number {
  return sigmoid(linear([fit.intercept, ...fit.coefficients], row));
}
