import type { Finding, RuleContext, RuleEvaluator } from './findings.js';
import { evaluateChange } from './kinds/change.js';
import { evaluateOutlier } from './kinds/outlier.js';
import { evaluateQuota } from './kinds/quota.js';
import { evaluateThreshold } from './kinds/threshold.js';
import type { Rule } from './rules-schema.js';
import type { MetricSeries } from './series.js';

const EVALUATORS: { [K in Rule['kind']]: RuleEvaluator<Extract<Rule, { kind: K }>> } = {
  threshold: evaluateThreshold,
  change: evaluateChange,
  outlier: evaluateOutlier,
  quota: evaluateQuota,
};

/** Judges one dimension's series with the evaluator of the rule's kind. */
export function evaluateRule(context: RuleContext, dimension: string, series: MetricSeries): Finding[] {
  const evaluate = EVALUATORS[context.rule.kind] as RuleEvaluator<Rule>;
  return evaluate(context, dimension, series);
}
