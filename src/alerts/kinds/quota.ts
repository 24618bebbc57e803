import { periodEnd } from '../calendar.js';
import { isOpenInWindow, sortedValues, type Finding, type RuleEvaluator } from '../findings.js';
import type { QuotaRule } from '../rules-schema.js';
import { formatValue, periodPhrase, subject, valueFormat } from '../wording.js';

/**
 * Fires when a count passes `warn_at` × `limit` in a period, the running one included (a quota is
 * broken the moment it is passed); over the limit itself the alert is critical.
 */
export const evaluateQuota: RuleEvaluator<QuotaRule> = (context, dimension, series) => {
  const { rule, grain } = context;
  const findings: Finding[] = [];
  for (const [period, value] of sortedValues(series)) {
    if (!isOpenInWindow(period, context) || value <= rule.warn_at * rule.limit) continue;
    const format = valueFormat(rule);
    const share = value / rule.limit;
    findings.push({
      dimension,
      periodStart: period,
      periodEnd: periodEnd(period, grain),
      value,
      expected: rule.limit,
      severity: value > rule.limit ? 'critical' : rule.severity,
      evidence: { limit: rule.limit, warn_at: rule.warn_at, share },
      message:
        `${subject(rule, context.dimensionKind, dimension)} reached ${formatValue(value, format)} ${periodPhrase(period, grain)}: ` +
        `${formatValue(share, 'percent')} of the limit of ${formatValue(rule.limit, format)}.`,
    });
  }
  return findings;
};
