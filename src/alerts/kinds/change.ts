import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { ChangeRule } from '../rules-schema.js';
import type { MetricSeries } from '../series.js';
import { median, poissonLowerTail, poissonUpperTail } from '../stats.js';
import { formatValue, periodPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a value leaves the normal range (± tolerance) around its baseline: the median of the
 * same weekday in the previous weeks, or the previous period. Too little history, or a baseline
 * that is zero or under `min_baseline`, means no judgement. With `alpha`, a count must also be
 * improbable for a Poisson count around the baseline.
 */
export const evaluateChange: RuleEvaluator<ChangeRule> = (context, dimension, series) => {
  const { rule } = context;
  if (rule.compare === 'same_weekday' && context.grain !== 'day') {
    throw new Error(`rule ${rule.id}: compare "same_weekday" needs a daily source, and ${rule.source} is by ${context.grain}`);
  }
  const findings: Finding[] = [];
  for (const [period, value] of sortedValues(series)) {
    if (!isCompleteInWindow(period, context)) continue;
    const baseline = baselineOf(context, series, period);
    if (!baseline || baseline.value <= 0 || baseline.value < rule.min_baseline) continue;
    const change = (value - baseline.value) / baseline.value;
    const out = rule.direction === 'drop' ? change < -rule.tolerance : rule.direction === 'rise' ? change > rule.tolerance : Math.abs(change) > rule.tolerance;
    if (!out) continue;
    const probability = rule.alpha === undefined ? null : change < 0 ? poissonLowerTail(value, baseline.value) : poissonUpperTail(value, baseline.value);
    if (probability !== null && probability >= rule.alpha!) continue;
    findings.push(finding(context, dimension, period, value, baseline, change, probability));
  }
  return findings;
};

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

function finding(context: RuleContext<ChangeRule>, dimension: string, period: string, value: number, baseline: Baseline, change: number, probability: number | null): Finding {
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
    },
    message:
      `${subject(rule, context.dimensionKind, dimension)} ${verb} ${formatValue(Math.abs(change), 'percent')} ${periodPhrase(period, grain)}: ` +
      `${formatValue(value, format)} against ${formatValue(baseline.value, format)}, ${against} (normal range ±${formatValue(rule.tolerance, 'percent')}).`,
  };
}
