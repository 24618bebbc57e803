import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { OutlierRule } from '../rules-schema.js';
import type { MetricSeries } from '../series.js';
import { robustScale, robustZ, type RobustScale } from '../stats.js';
import { formatValue, grainWord, periodPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a value is far from the median of the `window` periods before it, measured in robust
 * standard deviations (1.4826 × MAD). Silent until `min_history` of those periods have values.
 */
export const evaluateOutlier: RuleEvaluator<OutlierRule> = (context, dimension, series) => {
  const { rule, grain } = context;
  const findings: Finding[] = [];
  for (const [period, value] of sortedValues(series)) {
    if (!isCompleteInWindow(period, context)) continue;
    const history: number[] = [];
    for (let k = 1; k <= rule.window; k++) {
      const past = series.get(shiftPeriod(period, grain, -k));
      if (past !== null && past !== undefined) history.push(onScale(rule, past, period));
    }
    if (history.length < rule.min_history) continue;
    const spread = robustScale(history);
    const z = robustZ(onScale(rule, value, period), spread);
    const usual = fromScale(rule, spread.median);
    const far = rule.direction === 'rise' ? z > rule.z : rule.direction === 'drop' ? z < -rule.z : Math.abs(z) > rule.z;
    if (far && Math.abs(value - usual) > rule.min_deviation) findings.push(finding(context, dimension, period, value, spread, usual, z, history.length));
  }
  return findings;
};

function onScale(rule: OutlierRule, value: number, period: string): number {
  if (rule.scale === 'linear') return value;
  if (value < 0) throw new Error(`rule ${rule.id}: scale "log" needs values ≥ 0, and ${rule.metric} was ${value} on ${period}`);
  return Math.log1p(value);
}

/** The median back in the metric's units (the median commutes with a monotone transform). */
function fromScale(rule: OutlierRule, value: number): number {
  return rule.scale === 'linear' ? value : Math.expm1(value);
}

function finding(context: RuleContext<OutlierRule>, dimension: string, period: string, value: number, spread: RobustScale, usual: number, z: number, size: number): Finding {
  const { rule, grain } = context;
  const format = valueFormat(rule);
  const side = z > 0 ? 'above' : 'below';
  const basis = Number.isFinite(z)
    ? `robust z = ${z.toFixed(1)} over the previous ${size} ${grainWord(grain, size)}`
    : `every one of the previous ${size} ${grainWord(grain, size)} was exactly ${formatValue(usual, format)}`;
  const scaleNote = rule.scale === 'log' ? ' on a log scale' : '';
  return {
    dimension,
    periodStart: period,
    periodEnd: period,
    value,
    expected: usual,
    severity: rule.severity,
    evidence: {
      median: usual,
      mad: spread.mad,
      scale: spread.scale,
      z: Number.isFinite(z) ? z : String(z),
      history: size,
      threshold: rule.z,
      ...(rule.scale === 'log' ? { value_scale: 'log' } : {}),
    },
    message: `${subject(rule, context.dimensionKind, dimension)} was ${formatValue(value, format)} ${periodPhrase(period, grain)}, far ${side} its usual ${formatValue(usual, format)} (${basis}${scaleNote}).`,
  };
}
