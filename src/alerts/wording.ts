import { periodEnd, weekdayName, type Grain } from './calendar.js';
import type { Rule, ValueFormat } from './rules-schema.js';

/** How a rule's values read in sentences: the rule's own format, or one guessed from the metric name. */
export function valueFormat(rule: Rule): ValueFormat {
  if (rule.format) return rule.format;
  if (/(_rate|_share|conversion)$/.test(rule.metric)) return 'percent';
  if (/_s$/.test(rule.metric)) return 'duration';
  return 'number';
}

export function formatValue(value: number, format: ValueFormat): string {
  if (!Number.isFinite(value)) return String(value);
  if (format === 'percent') return `${(value * 100).toFixed(1)} %`;
  if (format === 'duration') return formatDuration(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return s ? `${m} min ${s} s` : `${m} min`;
}

export function metricLabel(rule: Rule): string {
  return rule.label ?? rule.metric.replace(/_/g, ' ');
}

/** "Complaint rate" or "Mean response of agent a-17". */
export function subject(rule: Rule, dimensionKind: string, dimension: string): string {
  const label = metricLabel(rule);
  const text = dimension ? `${label} of ${dimensionKind || 'dimension'} ${dimension}` : label;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "on Tue 2026-03-10", "in the week of 2026-03-09" or "in 2026-03". */
export function periodPhrase(period: string, grain: Grain): string {
  if (grain === 'day') return `on ${weekdayName(period)} ${period}`;
  if (grain === 'week') return `in the week of ${period}`;
  return `in ${period.slice(0, 7)}`;
}

/** "from 2026-03-10 to 2026-03-12", "in the weeks of 2026-03-02 to 2026-03-09", … */
export function spanPhrase(first: string, last: string, grain: Grain): string {
  if (first === last) return periodPhrase(first, grain);
  if (grain === 'day') return `from ${first} to ${last}`;
  if (grain === 'week') return `in the weeks from ${first} to ${periodEnd(last, grain)}`;
  return `from ${first.slice(0, 7)} to ${last.slice(0, 7)}`;
}

export function grainWord(grain: Grain, count: number): string {
  const word = { day: 'day', week: 'week', month: 'month' }[grain];
  return count === 1 ? word : `${word}s`;
}
