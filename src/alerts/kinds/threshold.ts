import { shiftPeriod } from '../calendar.js';
import { isCompleteInWindow, sortedValues, type Finding, type RuleContext, type RuleEvaluator } from '../findings.js';
import type { ThresholdRule } from '../rules-schema.js';
import { formatValue, grainWord, spanPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a metric stays beyond a bound for `consecutive` periods in a row. One alert per run of
 * such periods: it is raised on the period that completes the run and keyed by the run's first
 * period, so a run that goes on does not raise it again. A missing period breaks the run.
 */
export const evaluateThreshold: RuleEvaluator<ThresholdRule> = (context, dimension, series) => {
  const { rule, grain } = context;
  const bound = rule.above ?? (rule.below as number);
  const breaches = (value: number) => (rule.above !== undefined ? value > rule.above : value < bound);
  const findings: Finding[] = [];
  let run: [string, number][] = [];
  for (const [period, value] of sortedValues(series)) {
    const previous = run.at(-1);
    if (!breaches(value)) {
      run = [];
      continue;
    }
    if (!previous || shiftPeriod(previous[0], grain, 1) !== period) run = [];
    run.push([period, value]);
    if (run.length === rule.consecutive && isCompleteInWindow(period, context)) findings.push(finding(context, dimension, run, bound));
  }
  return findings;
};

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
    evidence: { [side]: bound, consecutive: rule.consecutive, values: run.map(([period, value]) => ({ period, value })) },
    message: `${subject(rule, context.dimensionKind, dimension)} was ${side} ${formatValue(bound, format)} ${span}${spanPhrase(first, last, context.grain)} (${values}).`,
  };
}
