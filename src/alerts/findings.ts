import { addDays, periodEnd, type Grain } from './calendar.js';
import type { MetricSeries } from './series.js';
import type { Rule, Severity } from './rules-schema.js';

/** What a rule found for one dimension: the raw material of an alert. */
export interface Finding {
  dimension: string;
  /** With the rule id and the dimension, this makes the alert id: a finding is raised once. */
  periodStart: string;
  periodEnd: string;
  value: number;
  /** The threshold, baseline, median or limit the value was held against. */
  expected: number;
  severity: Severity;
  evidence: Record<string, unknown>;
  message: string;
}

/** The periods a run looks at: those that became ready in [from, asOf] (from null: all of history). */
export interface EvaluationWindow {
  from: string | null;
  asOf: string;
}

/** Everything a rule kind needs besides its own settings. */
export interface RuleContext<R extends Rule = Rule> {
  rule: R;
  grain: Grain;
  /** What a dimension value names ("agent"), for sentences. */
  dimensionKind: string;
  settleDays: number;
  window: EvaluationWindow;
}

export type RuleEvaluator<R extends Rule> = (context: RuleContext<R>, dimension: string, series: MetricSeries) => Finding[];

/**
 * A complete period is judged once its numbers are final: after it ends and its settling days pass.
 * A partial period is never judged, so a half-day never looks like a drop.
 */
export function isCompleteInWindow(period: string, context: RuleContext): boolean {
  const ready = addDays(periodEnd(period, context.grain), context.settleDays);
  return ready <= context.window.asOf && (context.window.from === null || ready >= context.window.from);
}

/** A running period counts as soon as it starts: a quota is broken the moment the count passes it. */
export function isOpenInWindow(period: string, context: RuleContext): boolean {
  return period <= context.window.asOf && (context.window.from === null || periodEnd(period, context.grain) >= context.window.from);
}

/** The series' periods in order, with their non-null values. */
export function sortedValues(series: MetricSeries): [string, number][] {
  return [...series]
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
