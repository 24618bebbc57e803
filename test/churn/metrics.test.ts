import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  bestF1Threshold,
  brierScore,
  calibrationByDecile,
  confusionAt,
  evaluate,
  liftTopDecile,
  rocAuc,
  type Label,
} from '../../src/churn/metrics.js';
import { random } from '../helpers/random.js';

// The textbook case (also the scikit-learn documentation's): positives 0.35 and 0.8, negatives 0.1 and 0.4.
const SCORES = [0.1, 0.4, 0.35, 0.8];
const LABELS: Label[] = [0, 0, 1, 1];

describe('ROC AUC', () => {
  it('is the share of (churner, stayer) pairs ranked right: 3 of 4', () => {
    expect(rocAuc(SCORES, LABELS)).toBe(0.75);
  });

  it('counts a tie as half a pair', () => {
    // positive 1 vs negatives 1 (tie, ½) and 0 (win, 1): 1.5 / 2
    expect(rocAuc([1, 1, 0], [1, 0, 0])).toBe(0.75);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, null with one class', () => {
    expect(rocAuc([0.9, 0.8, 0.2], [1, 1, 0])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9], [1, 1, 0])).toBe(0);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
  });

  it('equals a brute-force count over all pairs on random scores with ties', () => {
    const rng = random(7);
    const scores = Array.from({ length: 300 }, () => Math.round(rng() * 20) / 20);
    const labels = scores.map((s) => (rng() < s ? 1 : 0) as Label);
    let pairs = 0;
    let wins = 0;
    scores.forEach((sp, i) => {
      if (!labels[i]) return;
      scores.forEach((sn, j) => {
        if (labels[j]) return;
        pairs++;
        wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
      });
    });
    expect(rocAuc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('PR AUC (average precision)', () => {
  it('sums recall steps times precision: ½·1 + ½·⅔ = 5/6', () => {
    expect(averagePrecision(SCORES, LABELS)).toBeCloseTo(5 / 6, 12);
  });

  it('treats tied scores as one threshold', () => {
    expect(averagePrecision([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    // thresholds 0.9 → P 1/2 at R 1/2 (tie with a stayer), then 0.1 → P 2/3 at R 1
    expect(averagePrecision([0.9, 0.9, 0.1], [1, 0, 1])).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 12);
  });

  it('is null without churners', () => {
    expect(averagePrecision([0.3, 0.2], [0, 0])).toBeNull();
  });
});

describe('Brier score', () => {
  it('is the mean squared error of the probabilities', () => {
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo((0.01 + 0.04 + 0.36) / 3, 15);
    expect(brierScore([1, 0], [1, 0])).toBe(0);
  });

  it('refuses scores that are not numbers and mismatched lengths', () => {
    expect(() => brierScore([Number.NaN], [1])).toThrow(/finite/);
    expect(() => brierScore([0.1, 0.2], [1])).toThrow(/2 scores but 1 labels/);
  });
});

describe('calibration by decile', () => {
  it('cuts 20 sorted predictions into ten pairs with their mean and observed rate', () => {
    const probabilities = Array.from({ length: 20 }, (_, i) => (19 - i) / 20);
    const labels = probabilities.map((p) => (p >= 0.5 ? 1 : 0) as Label);
    const bins = calibrationByDecile(probabilities, labels);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ decile: 1, rows: 2, observed_rate: 0, min_predicted: 0, max_predicted: 0.05 });
    expect(bins[0].mean_predicted).toBeCloseTo(0.025, 15);
    expect(bins[9]).toMatchObject({ decile: 10, rows: 2, observed_rate: 1, min_predicted: 0.9, max_predicted: 0.95 });
    expect(bins[9].mean_predicted).toBeCloseTo(0.925, 15);
    expect(bins[4].observed_rate).toBe(0);
    expect(bins[5].observed_rate).toBe(1);
  });

  it('spreads 15 rows as evenly as ten groups allow, and leaves out empty groups', () => {
    const probabilities = Array.from({ length: 15 }, (_, i) => i / 15);
    expect(calibrationByDecile(probabilities, probabilities.map(() => 0)).map((b) => b.rows)).toEqual([2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
    expect(calibrationByDecile([0.2, 0.1, 0.3], [0, 0, 1]).map((b) => [b.decile, b.mean_predicted])).toEqual([
      [1, 0.1],
      [4, 0.2],
      [7, 0.3],
    ]);
  });
});

describe('lift in the top decile', () => {
  it('is the churn rate of the top tenth over the overall rate', () => {
    // 20 rows, 4 churners (rate 0.2); the top 2 scores are both churners: 1 / 0.2 = 5
    const scores = Array.from({ length: 20 }, (_, i) => i);
    const labels = scores.map((s) => (s >= 18 || s === 3 || s === 7 ? 1 : 0) as Label);
    expect(liftTopDecile(scores, labels)).toBe(5);
  });

  it('shares the last places among tied rows in proportion (a 0/1 rule)', () => {
    // 5 flagged rows hold 3 churners, 15 unflagged hold 1; the top 2 places take 2/5 of the flagged group:
    // 1.2 churners expected in 2 rows = 0.6, over 4/20 = 0.2 → 3
    const scores = [...Array(5).fill(1), ...Array(15).fill(0)];
    const labels = [1, 1, 1, 0, 0, 1, ...Array(14).fill(0)] as Label[];
    expect(liftTopDecile(scores, labels)).toBeCloseTo(3, 12);
    // reversed, the flagged rows hold no churner at all
    expect(liftTopDecile(scores, [...labels].reverse())).toBe(0);
  });
});

describe('confusion matrix and threshold', () => {
  const scores = [0.9, 0.8, 0.3, 0.2, 0.6];
  const labels: Label[] = [1, 0, 1, 0, 0];

  it('counts predictions at score ≥ threshold', () => {
    expect(confusionAt(scores, labels, 0.5)).toEqual({
      threshold: 0.5,
      tp: 1,
      fp: 2,
      tn: 1,
      fn: 1,
      precision: 1 / 3,
      recall: 0.5,
      f1: 0.4,
      accuracy: 0.4,
    });
    expect(confusionAt(scores, labels, 0.95)).toMatchObject({ tp: 0, fp: 0, precision: null, recall: 0, f1: null });
  });

  it('chooses the threshold with the best F1, the higher one on a tie', () => {
    // F1 at 0.9 = 2/3, at 0.8 = 1/2, at 0.6 = 2/5, at 0.3 = 2/3 (tie), at 0.2 = 4/7
    expect(bestF1Threshold(scores, labels)).toBe(0.9);
    expect(bestF1Threshold([0.9, 0.8, 0.7, 0.1], [1, 1, 0, 0])).toBe(0.8);
    expect(() => bestF1Threshold([0.1], [0])).toThrow(/without a single churner/);
  });

  it('puts every measure together', () => {
    const evaluation = evaluate(SCORES, LABELS, 0.35);
    expect(evaluation).toMatchObject({ rows: 4, positives: 2, base_rate: 0.5, roc_auc: 0.75, lift_top_decile: 2 });
    expect(evaluation.confusion).toMatchObject({ tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(evaluation.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 15);
  });
});
