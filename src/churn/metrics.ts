import { mean } from 'simple-statistics';

/**
 * Evaluation measures for a score against 0/1 labels. Scores are "higher = more likely churned".
 * A measure that needs both classes (AUC, precision, lift) is null, not NaN, when one is absent.
 */

export type Label = 0 | 1;

export interface ConfusionMatrix {
  /** Predicted churn when score ≥ threshold. */
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly accuracy: number;
}

export interface CalibrationBin {
  /** 1 = the tenth of rows with the lowest predictions. */
  readonly decile: number;
  readonly rows: number;
  readonly mean_predicted: number;
  readonly observed_rate: number;
  readonly min_predicted: number;
  readonly max_predicted: number;
}

export interface Evaluation {
  readonly rows: number;
  readonly positives: number;
  readonly base_rate: number;
  readonly roc_auc: number | null;
  readonly pr_auc: number | null;
  readonly brier: number;
  readonly lift_top_decile: number | null;
  readonly calibration: CalibrationBin[];
  readonly confusion: ConfusionMatrix;
}

function checkInputs(scores: readonly number[], labels: readonly Label[]): void {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores but ${labels.length} labels`);
  if (scores.length === 0) throw new Error('cannot evaluate zero rows');
  for (const score of scores) if (!Number.isFinite(score)) throw new Error(`score ${score} is not a finite number`);
}

function countPositives(labels: readonly Label[]): number {
  return labels.reduce<number>((sum, label) => sum + label, 0);
}

/** Rows grouped by equal score, highest score first: every threshold a score can set. */
function tiedGroupsDescending(scores: readonly number[], labels: readonly Label[]): { score: number; rows: number; positives: number }[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const groups: { score: number; rows: number; positives: number }[] = [];
  for (const i of order) {
    const last = groups[groups.length - 1];
    if (last && last.score === scores[i]) {
      last.rows++;
      last.positives += labels[i];
    } else groups.push({ score: scores[i], rows: 1, positives: labels[i] });
  }
  return groups;
}

/** Area under the ROC curve: the probability that a random churner outscores a random non-churner, ties counting half. */
export function rocAuc(scores: readonly number[], labels: readonly Label[]): number | null {
  checkInputs(scores, labels);
  const positives = countPositives(labels);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  let pairs = 0;
  let negativesBelow = negatives;
  for (const group of tiedGroupsDescending(scores, labels)) {
    const groupNegatives = group.rows - group.positives;
    negativesBelow -= groupNegatives;
    pairs += group.positives * (negativesBelow + groupNegatives / 2);
  }
  return pairs / (positives * negatives);
}

/** Area under the precision-recall curve as average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds. */
export function averagePrecision(scores: readonly number[], labels: readonly Label[]): number | null {
  checkInputs(scores, labels);
  const positives = countPositives(labels);
  if (positives === 0) return null;
  let tp = 0;
  let predicted = 0;
  let area = 0;
  for (const group of tiedGroupsDescending(scores, labels)) {
    tp += group.positives;
    predicted += group.rows;
    area += (group.positives / positives) * (tp / predicted);
  }
  return area;
}

/** Mean squared difference between predicted probability and outcome. */
export function brierScore(probabilities: readonly number[], labels: readonly Label[]): number {
  checkInputs(probabilities, labels);
  return mean(probabilities.map((p, i) => (p - labels[i]) ** 2));
}

/** Rows sorted by prediction (ties in input order) and cut into ten groups of as equal size as possible. */
export function calibrationByDecile(probabilities: readonly number[], labels: readonly Label[]): CalibrationBin[] {
  checkInputs(probabilities, labels);
  const n = probabilities.length;
  const order = probabilities.map((_, i) => i).sort((a, b) => probabilities[a] - probabilities[b] || a - b);
  const bins: number[][] = Array.from({ length: 10 }, () => []);
  order.forEach((row, rank) => bins[Math.floor((rank * 10) / n)].push(row));
  return bins
    .map((rows, index) => ({ rows, decile: index + 1 }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ rows, decile }) => {
      const predicted = rows.map((row) => probabilities[row]);
      return {
        decile,
        rows: rows.length,
        mean_predicted: mean(predicted),
        observed_rate: mean(rows.map((row) => labels[row])),
        min_predicted: Math.min(...predicted),
        max_predicted: Math.max(...predicted),
      };
    });
}

/**
 * Churn rate among the top ⌈n/10⌉ scores over the overall rate. Rows tied with the last one
 * taken count in proportion, so the figure does not depend on input order (a 0/1 rule has many ties).
 */
export function liftTopDecile(scores: readonly number[], labels: readonly Label[]): number | null {
  checkInputs(scores, labels);
  const positives = countPositives(labels);
  if (positives === 0) return null;
  const take = Math.ceil(scores.length / 10);
  let taken = 0;
  let positivesTaken = 0;
  for (const group of tiedGroupsDescending(scores, labels)) {
    const share = Math.min(group.rows, take - taken) / group.rows;
    taken += share * group.rows;
    positivesTaken += share * group.positives;
    if (taken >= take) break;
  }
  return positivesTaken / take / (positives / scores.length);
}

export function confusionAt(scores: readonly number[], labels: readonly Label[], threshold: number): ConfusionMatrix {
  checkInputs(scores, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  scores.forEach((score, i) => {
    if (score >= threshold) labels[i] ? tp++ : fp++;
    else labels[i] ? fn++ : tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { threshold, tp, fp, tn, fn, precision, recall, f1, accuracy: (tp + tn) / scores.length };
}

/** The score threshold with the best F1 (the highest one on a tie), to be chosen on training rows only. */
export function bestF1Threshold(scores: readonly number[], labels: readonly Label[]): number {
  checkInputs(scores, labels);
  const positives = countPositives(labels);
  if (positives === 0) throw new Error('cannot choose a threshold without a single churner in the training rows');
  let best = { threshold: Infinity, f1: -1 };
  let tp = 0;
  let predicted = 0;
  for (const group of tiedGroupsDescending(scores, labels)) {
    tp += group.positives;
    predicted += group.rows;
    const f1 = (2 * tp) / (predicted + positives);
    if (f1 > best.f1) best = { threshold: group.score, f1 };
  }
  return best.threshold;
}

/** Every measure at once, for a model or a baseline, at the given decision threshold. */
export function evaluate(scores: readonly number[], labels: readonly Label[], threshold: number): Evaluation {
  const positives = countPositives(labels);
  return {
    rows: labels.length,
    positives,
    base_rate: positives / labels.length,
    roc_auc: rocAuc(scores, labels),
    pr_auc: averagePrecision(scores, labels),
    brier: brierScore(scores, labels),
    lift_top_decile: liftTopDecile(scores, labels),
    calibration: calibrationByDecile(scores, labels),
    confusion: confusionAt(scores, labels, threshold),
  };
}
