import type { Threshold, TargetDefinition } from './definition.js';

/** Settings the comparisons read from the configuration. */
export interface CompareSettings {
  /** A change beyond ±this fraction is outside the normal range (0.15 = ±15 %). */
  normalRange: number;
  slaSeconds: number;
}

/** A target with its limits resolved to numbers. */
export interface Target {
  min: number | null;
  max: number | null;
  /** true: a value equal to a limit is off target (a strict "above" / "below"). */
  exclusive: boolean;
  note: string | null;
}

/**
 * Relative change against the previous week: (current − previous) / |previous|. NULL when either
 * side is missing or the previous value is 0 (no base to compare with). Rounded to 12 significant
 * digits so that 100 → 115 is exactly +15 % in every renderer, not 15.000000000000002 %.
 */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Number(((current - previous) / Math.abs(previous)).toPrecision(12));
}

export function outsideNormalRange(change: number | null, settings: CompareSettings): boolean {
  return change !== null && Math.abs(change) > settings.normalRange;
}

export function resolveTarget(target: TargetDefinition | undefined, settings: CompareSettings): Target | null {
  if (!target) return null;
  return { min: resolveThreshold(target.min, settings), max: resolveThreshold(target.max, settings), exclusive: target.exclusive, note: target.note ?? null };
}

/** true on target, false off target, null when there is no value or no target. */
export function onTarget(value: number | null, target: Target | null): boolean | null {
  if (value === null || target === null) return null;
  if (target.min !== null && (value < target.min || (target.exclusive && value === target.min))) return false;
  if (target.max !== null && (value > target.max || (target.exclusive && value === target.max))) return false;
  return true;
}

function resolveThreshold(threshold: Threshold | undefined, settings: CompareSettings): number | null {
  if (threshold === undefined) return null;
  if (typeof threshold === 'number') return threshold;
  return { sla_seconds: settings.slaSeconds }[threshold.config];
}
