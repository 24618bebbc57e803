/**
 * Anomalies planted on known dates for the alerting to find: three days of complaints (a bad
 * batch shipped) and two days of very low inbound volume (an outage).
 */
import type { LocalCalendar } from './calendar.js';

export interface Anomaly {
  kind: 'complaint_spike' | 'volume_drop';
  firstDay: number;
  lastDay: number;
  /** complaint_spike: multiplier of the complaint share; volume_drop: multiplier of inbound volume. */
  factor: number;
}

export const COMPLAINT_SPIKE_FACTOR = 12;
export const VOLUME_DROP_FACTOR = 0.2;

/** Fixed positions in the period, moved to start on a Monday–Wednesday so they span weekdays. */
export function planAnomalies(calendar: LocalCalendar): Anomaly[] {
  const onWeekday = (day: number) => {
    let start = day;
    while (calendar.weekday(start) > 3 && start > 0) start--;
    return start;
  };
  const spike = onWeekday(Math.floor(calendar.days * 0.58));
  const drop = onWeekday(Math.floor(calendar.days * 0.8));
  return [
    { kind: 'complaint_spike', firstDay: spike, lastDay: spike + 2, factor: COMPLAINT_SPIKE_FACTOR },
    { kind: 'volume_drop', firstDay: drop, lastDay: drop + 1, factor: VOLUME_DROP_FACTOR },
  ];
}

export class AnomalyCalendar {
  constructor(readonly anomalies: readonly Anomaly[]) {}

  factor(kind: Anomaly['kind'], day: number): number {
    let factor = 1;
    for (const anomaly of this.anomalies) if (anomaly.kind === kind && day >= anomaly.firstDay && day <= anomaly.lastDay) factor *= anomaly.factor;
    return factor;
  }
}
