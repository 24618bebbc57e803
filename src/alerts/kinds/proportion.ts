import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { ProportionRule } from '../rules-schema.js';
import type { MetricSeries } from '../series.js';
import { binomialLowerTail, binomialUpperTail, median } from '../stats.js';
import { formatValue, grainWord, periodPhrase, subject } from '../wording.js';

interface Usual {
  rate: number;
  /** The support pooled over the history. */
  trials: number;
  periods: number;
}

/**
 * Fires when a rate's count is improbable under the usual rate: the pooled rate of the `window`
 * periods before (their counts over their supports), with the period's own support as the number
 * of trials of a binomial. A day of 1 complaint in 8 conversations is not news; 6 in 15 is. Campaign
 * days with many conversations and days with few are judged fairly, which a bound on the rate
 * alone cannot do.
 */
export const evaluateProportion: RuleEvaluator<ProportionRule> = (context, dimension, series, column) => {
  const { rule } = context;
  const support = column(rule.support);
  const findings: Finding[] = [];
  for (const [period, rate] of sortedValues(series)) {
    const trials = support.get(period);
    if (!isCompleteInWindow(period, context) || !trials || trials <= 0) continue;
    const usual = usualRate(context, series, support, period);
    if (!usual) continue;
    const count = Math.round(rate * trials);
    const rise = rule.direction !== 'drop' && rate > usual.rate ? binomialUpperTail(count, trials, usual.rate) : 1;
    const drop = rule.direction !== 'rise' && rate < usual.rate ? binomialLowerTail(count, trials, usual.rate) : 1;
    const probability = rule.direction === 'both' ? Math.min(1, 2 * Math.min(rise, drop)) : Math.min(rise, drop);
    if (probability < rule.alpha) findings.push(finding(context, dimension, period, rate, count, trials, usual, probability));
  }
  return findings;
};

function usualRate(context: RuleContext<ProportionRule>, series: MetricSeries, support: MetricSeries, period: string): Usual | null {
  const { rule, grain } = context;
  let cases = 0;
  let trials = 0;
  const rates: number[] = [];
  for (let k = 1; k <= rule.window; k++) {
    const past = shiftPeriod(period, grain, -k);
    const rate = series.get(past);
    const n = support.get(past);
    if (rate === null || rate === undefined || !n || n <= 0) continue;
    cases += Math.round(rate * n);
    trials += n;
    rates.push(rate);
  }
  if (rates.length < rule.min_history || trials <= 0) return null;
  return { rate: rule.usual_rate === 'median' ? median(rates) : cases / trials, trials, periods: rates.length };
}

function finding(
  context: RuleContext<ProportionRule>,
  dimension: string,
  period: string,
  rate: number,
  count: number,
  trials: number,
  usual: Usual,
  probability: number,
): Finding {
  const { rule, grain } = context;
  const supportLabel = rule.support_label ?? rule.support.replace(/_/g, ' ');
  const side = rate > usual.rate ? 'above' : 'below';
  return {
    dimension,
    periodStart: period,
    periodEnd: period,
    value: rate,
    expected: usual.rate,
    severity: rule.severity,
    evidence: { count, support: trials, usual_rate: usual.rate, usual_rate_of: rule.usual_rate, history_support: usual.trials, history: usual.periods, probability, alpha: rule.alpha },
    message:
      `${subject(rule, context.dimensionKind, dimension)} was ${formatValue(rate, 'percent')} (${count} of ${trials} ${supportLabel}) ${periodPhrase(period, grain)}, ` +
      `far ${side} its usual ${formatValue(usual.rate, 'percent')} (probability ${probability < 0.001 ? probability.toExponential(1) : probability.toPrecision(2)} over the previous ${usual.periods} ${grainWord(grain, usual.periods)}).`,
  };
}
