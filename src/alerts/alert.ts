import { createHash } from 'node:crypto';
import type { Grain } from './calendar.js';
import type { Finding } from './findings.js';
import type { Rule, RuleKind, Severity } from './rules-schema.js';

/** An alert as stored in the warehouse's `alerts` table and sent to the CRM. */
export interface Alert {
  alert_id: string;
  rule_id: string;
  kind: RuleKind;
  severity: Severity;
  source: string;
  metric: string;
  grain: Grain;
  dimension: string;
  dimension_kind: string;
  period_start: string;
  period_end: string;
  value: number;
  expected: number;
  /** JSON: the values that triggered the alert and what they were compared with. */
  evidence: string;
  message: string;
  raised_at_ms: number;
}

/** The same rule, period and dimension always give the same id, whatever the run or the engine. */
export function alertId(ruleId: string, periodStart: string, dimension: string): string {
  return createHash('sha256').update(JSON.stringify([ruleId, periodStart, dimension])).digest('hex').slice(0, 32);
}

export function toAlert(rule: Rule, grain: Grain, dimensionKind: string, finding: Finding, raisedAtMs: number): Alert {
  return {
    alert_id: alertId(rule.id, finding.periodStart, finding.dimension),
    rule_id: rule.id,
    kind: rule.kind,
    severity: finding.severity,
    source: rule.source,
    metric: rule.metric,
    grain,
    dimension: finding.dimension,
    dimension_kind: dimensionKind,
    period_start: finding.periodStart,
    period_end: finding.periodEnd,
    value: finding.value,
    expected: finding.expected,
    evidence: JSON.stringify(finding.evidence),
    message: finding.message,
    raised_at_ms: raisedAtMs,
  };
}
