import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ConvergenceError, fitLogistic, predictProbability, sigmoid } from '../../src/churn/logistic.js';
import type { Label } from '../../src/churn/metrics.js';
import { random } from '../helpers/random.js';
import { normal } from './synthetic.js';

function dataset(n: number, beta: readonly number[], seed: number): { x: number[][]; y: Label[] } {
  const rng = random(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: beta.length - 1 }, () => normal(rng)));
  const y = x.map((row) => (rng() < sigmoid(beta[0] + row.reduce((sum, v, j) => sum + v * beta[j + 1], 0)) ? 1 : 0) as Label);
  return { x, y };
}

describe('L2-regularized weighted logistic regression (Newton / IRLS)', () => {
  it('gives the same coefficients as ml-logistic-regression where both apply (no penalty, no weights, explicit intercept)', () => {
    const { x, y } = dataset(300, [-0.4, 1.2, -0.8], 11);
    const ours = fitLogistic(x, y, { l2: 0 });

    const reference = new LogisticRegression({ numSteps: 4000, learningRate: 5e-4 });
    reference.train(new Matrix(x.map((row) => [1, ...row])), Matrix.columnVector(y));
    // The package trains one-vs-all; its classifier 0 scores "not class 0", i.e. P(y = 1).
    const theirs = reference.classifiers[0].weights.to1DArray();

    expect(theirs[0]).toBeCloseTo(ours.intercept, 6);
    expect(theirs[1]).toBeCloseTo(ours.coefficients[0], 6);
    expect(theirs[2]).toBeCloseTo(ours.coefficients[1], 6);
    expect(ours.iterations).toBeLessThan(15);
  });

  it('recovers the coefficients that generated the data', () => {
    const truth = [-1.5, 0.8, -1.1, 0];
    const { x, y } = dataset(20_000, truth, 3);
    const fit = fitLogistic(x, y, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(truth[0], 1);
    fit.coefficients.forEach((coefficient, j) => expect(Math.abs(coefficient - truth[j + 1])).toBeLessThan(0.06));
  });

  it('treats a weight of 2 exactly like the row given twice', () => {
    const { x, y } = dataset(200, [0.3, 1, 0.5], 5);
    const weights = x.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const weighted = fitLogistic(x, y, { l2: 0.5, weights });
    const duplicated = fitLogistic(
      x.flatMap((row, i) => (i % 3 === 0 ? [row, row] : [row])),
      y.flatMap((label, i) => (i % 3 === 0 ? [label, label] : [label])),
      { l2: 0.5 },
    );
    expect(weighted.intercept).toBeCloseTo(duplicated.intercept, 10);
    weighted.coefficients.forEach((value, j) => expect(value).toBeCloseTo(duplicated.coefficients[j], 10));
  });

  it('shrinks the slopes but never the intercept', () => {
    const { x, y } = dataset(500, [1, 2, -2], 9);
    const norms = [0, 10, 1000].map((l2) => Math.hypot(...fitLogistic(x, y, { l2 }).coefficients));
    expect(norms[1]).toBeLessThan(norms[0]);
    expect(norms[2]).toBeLessThan(norms[1]);
    // With the slopes pressed to ~0 the intercept alone fits the churn rate.
    const flat = fitLogistic(x, y, { l2: 1e9 });
    const rate = y.filter((label) => label === 1).length / y.length;
    expect(sigmoid(flat.intercept)).toBeCloseTo(rate, 6);
    // …and the penalized solution is a stationary point: gradient = λβ for the slopes.
    const l2 = 10;
    const fit = fitLogistic(x, y, { l2 });
    const gradient = [0, 0, 0];
    x.forEach((row, i) => {
      const residual = predictProbability(fit, row) - y[i];
      gradient[0] += residual;
      row.forEach((v, j) => (gradient[j + 1] += residual * v));
    });
    expect(gradient[0]).toBeCloseTo(0, 8);
    fit.coefficients.forEach((beta, j) => expect(gradient[j + 1] + l2 * beta).toBeCloseTo(0, 8));
  });

  it('says so when perfectly separable classes have no finite solution, and a penalty fixes it', () => {
    const x = [[-2], [-1], [1], [2]];
    const y: Label[] = [0, 0, 1, 1];
    expect(() => fitLogistic(x, y, { l2: 0 })).toThrow(ConvergenceError);
    const fit = fitLogistic(x, y, { l2: 1 });
    expect(fit.coefficients[0]).toBeGreaterThan(0);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
  });

  it('refuses a constant column without a penalty, naming the cause', () => {
    expect(() => fitLogistic([[1], [1], [1], [1]], [0, 1, 0, 1], { l2: 0 })).toThrow(/singular/);
  });

  it('computes probabilities without overflow at extreme scores', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
