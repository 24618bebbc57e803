import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { ThresholdRule } from '../rules-schema.js';
import type { MetricSeries } from '../series.js';
import { binomialLowerTail, binomialUpperTail } from '../stats.js';
import { formatValue, grainWord, spanPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a metric stays beyond a bound for `consecutive` periods in a row. One alert per run of
 * such periods: it is raised on the period that completes the run and keyed by the run's first
 * period, so a run that goes on does not raise it again. A missing period breaks the run. With a
 * `support`, a rate counts as beyond the bound only when its count is improbable at the bound.
 */
export const evaluateThreshold: RuleEvaluator<ThresholdRule> = (context, dimension, series, column) => {
  const { rule, grain } = context;
  const bound = rule.above ?? (rule.below as number);
  const support = rule.support === undefined ? null : column(rule.support);
  const beyond = (value: number) => (rule.above !== undefined ? value > rule.above : value < bound);
  const breaches = (period: string, value: number) => beyond(value) && (support === null || improbableAtBound(rule, bound, value, support.get(period)));
  const findings: Finding[] = [];
  let run: [string, number][] = [];
  for (const [period, value] of sortedValues(series)) {
    const previous = run.at(-1);
    if (!breaches(period, value)) {
      run = [];
      continue;
    }
    if (!previous || shiftPeriod(previous[0], grain, 1) !== period) run = [];
    run.push([period, value]);
    if (run.length === rule.consecutive && isCompleteInWindow(period, context)) findings.push(finding(context, dimension, run, bound));
  }
  return findings;
};

/** The rate's count (rate × support) would happen with probability under 1 − confidence were the true rate the bound. */
function improbableAtBound(rule: ThresholdRule, bound: number, rate: number, trials: number | null | undefined): boolean {
  if (!trials || trials <= 0) return false;
  const count = Math.round(rate * trials);
  const probability = rule.above !== undefined ? binomialUpperTail(count, trials, bound) : binomialLowerTail(count, trials, bound);
  return probability < 1 - rule.confidence;
}

function finding(context: RuleContext<ThresholdRule>, dimension: string, run: [string, number][], bound: number): Finding {
  const { rule } = context;
  const format = valueFormat(rule);
  const side = rule.above !== undefined ? 'above' : 'below';
  const first = run[0][0];
  const last = run[run.length - 1][0];
  const values = run.map(([, v]) => formatValue(v, format)).join(', ');
  const span = run.length > 1 ? `for ${run.length} consecutive ${grainWord(context.grain, run.length)} ` : '';
  return {
    dimension,
    periodStart: first,
    periodEnd: last,
    value: run[run.length - 1][1],
    expected: bound,
    severity: rule.severity,
    evidence: {
      [side]: bound,
      consecutive: rule.consecutive,
      values: run.map(([period, value]) => ({ period, value })),
      ...(rule.support === undefined ? {} : { support: rule.support, confidence: rule.confidence }),
    },
    message: `${subject(rule, context.dimensionKind, dimension)} was ${side} ${formatValue(bound, format)} ${span}${spanPhrase(first, last, context.grain)} (${values}).`,
  };
}
