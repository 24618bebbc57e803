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
      if (past !== null && past !== undefined) history.push(past);
    }
    if (history.length < rule.min_history) continue;
    const spread = robustScale(history);
    const z = robustZ(value, spread);
    const far = rule.direction === 'rise' ? z > rule.z : rule.direction === 'drop' ? z < -rule.z : Math.abs(z) > rule.z;
    if (far && Math.abs(value - spread.median) > rule.min_deviation) findings.push(finding(context, dimension, period, value, spread, z, history.length));
  }
  return findings;
};

function finding(context: RuleContext<OutlierRule>, dimension: string, period: string, value: number, spread: RobustScale, z: number, size: number): Finding {
  const { rule, grain } = context;
  const format = valueFormat(rule);
  const side = z > 0 ? 'above' : 'below';
  const basis = Number.isFinite(z)
    ? `robust z = ${z.toFixed(1)} over the previous ${size} ${grainWord(grain, size)}`
    : `every one of the previous ${size} ${grainWord(grain, size)} was exactly ${formatValue(spread.median, format)}`;
  return {
    dimension,
    periodStart: period,
    periodEnd: period,
    value,
    expected: spread.median,
    severity: rule.severity,
    evidence: { median: spread.median, mad: spread.mad, scale: spread.scale, z: Number.isFinite(z) ? z : String(z), history: size, threshold: rule.z },
    message: `${subject(rule, context.dimensionKind, dimension)} was ${formatValue(value, format)} ${periodPhrase(period, grain)}, far ${side} its usual ${formatValue(spread.median, format)} (${basis}).`,
  };
}
