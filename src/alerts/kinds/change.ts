import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { ChangeRule } from '../rules-schema.js';
import type { MetricSeries } from '../series.js';
import { hypergeometricLowerTail, hypergeometricUpperTail, median, poissonLowerTail, poissonUpperTail } from '../stats.js';
import { formatValue, periodPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a value leaves the normal range (± tolerance) around its baseline: the median of the
 * same weekday in the previous weeks, or the previous period. Too little history, or a baseline
 * that is zero or under `min_baseline`, means no judgement. With `alpha`, a count must also be
 * improbable for a Poisson count around the baseline; with `dispersion_window` too, for a
 * quasi-Poisson count whose dispersion is estimated from the periods before.
 */
export const evaluateChange: RuleEvaluator<ChangeRule> = (context, dimension, series, column) => {
  const { rule } = context;
  if (rule.compare === 'same_weekday' && context.grain !== 'day') {
    throw new Error(`rule ${rule.id}: compare "same_weekday" needs a daily source, and ${rule.source} is by ${context.grain}`);
  }
  const support = rule.support === undefined ? null : column(rule.support);
  const findings: Finding[] = [];
  for (const [period, value] of sortedValues(series)) {
    if (!isCompleteInWindow(period, context)) continue;
    const baseline = baselineOf(context, series, period);
    if (!baseline || baseline.value <= 0 || baseline.value < rule.min_baseline) continue;
    const change = (value - baseline.value) / baseline.value;
    const out = rule.direction === 'drop' ? change < -rule.tolerance : rule.direction === 'rise' ? change > rule.tolerance : Math.abs(change) > rule.tolerance;
    if (!out) continue;
    const dispersion = rule.dispersion_window === undefined ? 1 : dispersionBefore(context, series, period);
    if (dispersion === null) continue;
    const probability =
      rule.alpha === undefined ? null : support ? rateTail(value, period, baseline, support, change < 0) : countTail(value, baseline.value, dispersion, change < 0);
    if (Number.isNaN(probability)) continue;
    if (probability !== null && probability >= rule.alpha!) continue;
    findings.push(finding(context, dimension, period, value, baseline, change, probability, rule.dispersion_window === undefined ? null : dispersion));
  }
  return findings;
};

/**
 * A quasi-Poisson tail: a count with variance φ × mean is judged as a Poisson count of value / φ
 * around baseline / φ (φ = 1 is the plain Poisson test).
 */
function countTail(value: number, baseline: number, dispersion: number, drop: boolean): number {
  return drop ? poissonLowerTail(value / dispersion, baseline / dispersion) : poissonUpperTail(value / dispersion, baseline / dispersion);
}

/**
 * Fisher's exact test of the period's count (rate × support) against the baseline periods' pooled
 * count: how improbable so few (or so many) of all their successes are to fall in this period.
 * NaN when a support is missing.
 */
function rateTail(rate: number, period: string, baseline: Baseline, support: MetricSeries, drop: boolean): number {
  const trials = support.get(period);
  const before = baseline.periods.map((p) => ({ rate: p.value, trials: support.get(p.period) }));
  if (!trials || trials <= 0 || before.some((p) => !p.trials || p.trials <= 0)) return Number.NaN;
  const count = Math.round(rate * trials);
  const otherTrials = before.reduce((sum, p) => sum + (p.trials as number), 0);
  const otherCount = before.reduce((sum, p) => sum + Math.round(p.rate * (p.trials as number)), 0);
  const draws = count + otherCount;
  return drop ? hypergeometricLowerTail(count, trials, otherTrials, draws) : hypergeometricUpperTail(count, trials, otherTrials, draws);
}

/** The median of a χ² with 1 degree of freedom: what a squared Pearson residual's median is when φ = 1. */
const CHI2_1_MEDIAN = 0.45494;

/**
 * The dispersion φ of the count, from the `dispersion_window` periods before: the median of the
 * squared Pearson residuals (value − baseline)² / baseline, over the χ²₁ median so that a Poisson
 * count gets φ ≈ 1. The median keeps a past anomaly from inflating it. Never under 1; null while
 * fewer than half the window's periods can be judged.
 */
function dispersionBefore(context: RuleContext<ChangeRule>, series: MetricSeries, period: string): number | null {
  const { rule, grain } = context;
  const window = rule.dispersion_window as number;
  const residuals: number[] = [];
  for (let k = 1; k <= window; k++) {
    const past = shiftPeriod(period, grain, -k);
    const value = series.get(past);
    const baseline = value === null || value === undefined ? null : baselineOf(context, series, past);
    if (baseline && baseline.value > 0) residuals.push((value! - baseline.value) ** 2 / baseline.value);
  }
  if (residuals.length < Math.ceil(window / 2)) return null;
  return Math.max(1, median(residuals) / CHI2_1_MEDIAN);
}

interface Baseline {
  value: number;
  periods: { period: string; value: number }[];
}

function baselineOf(context: RuleContext<ChangeRule>, series: MetricSeries, period: string): Baseline | null {
  const { rule, grain } = context;
  const wanted =
    rule.compare === 'same_weekday'
      ? Array.from({ length: rule.weeks }, (_, k) => shiftPeriod(period, 'day', -7 * (k + 1)))
      : [shiftPeriod(period, grain, -1)];
  const periods = wanted.flatMap((p) => {
    const value = series.get(p);
    return value === null || value === undefined ? [] : [{ period: p, value }];
  });
  const needed = rule.compare === 'same_weekday' ? (rule.min_weeks ?? rule.weeks) : 1;
  if (periods.length < needed) return null;
  return { value: median(periods.map((p) => p.value)), periods };
}

function finding(
  context: RuleContext<ChangeRule>,
  dimension: string,
  period: string,
  value: number,
  baseline: Baseline,
  change: number,
  probability: number | null,
  dispersion: number | null,
): Finding {
  const { rule, grain } = context;
  const format = valueFormat(rule);
  const verb = change < 0 ? 'fell' : 'rose';
  const against =
    rule.compare === 'same_weekday'
      ? `the median of the same weekday in the previous ${baseline.periods.length === 1 ? 'week' : `${baseline.periods.length} weeks`}`
      : `the previous ${grain}`;
  return {
    dimension,
    periodStart: period,
    periodEnd: period,
    value,
    expected: baseline.value,
    severity: rule.severity,
    evidence: {
      baseline: baseline.value,
      change,
      tolerance: rule.tolerance,
      compare: rule.compare,
      baseline_values: baseline.periods,
      ...(probability === null ? {} : { probability, alpha: rule.alpha }),
      ...(dispersion === null ? {} : { dispersion }),
    },
    message:
      `${subject(rule, context.dimensionKind, dimension)} ${verb} ${formatValue(Math.abs(change), 'percent')} ${periodPhrase(period, grain)}: ` +
      `${formatValue(value, format)} against ${formatValue(baseline.value, format)}, ${against} (normal range ±${formatValue(rule.tolerance, 'percent')}).`,
  };
}
