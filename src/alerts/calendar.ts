/** Calendar arithmetic on local dates written 'YYYY-MM-DD'. Dates carry no zone: they are already local. */

export type Grain = 'day' | 'week' | 'month';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isDate(text: unknown): text is string {
  return typeof text === 'string' && DATE.test(text) && !Number.isNaN(Date.parse(text));
}

function toMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(toMs(date));
  return fromMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return ((new Date(toMs(date)).getUTCDay() + 6) % 7) + 1;
}

export function weekdayName(date: string): string {
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekday(date) - 1];
}

/** The period `steps` periods before (negative) or after `period`, which is a day, a Monday or a first of month. */
export function shiftPeriod(period: string, grain: Grain, steps: number): string {
  if (grain === 'day') return addDays(period, steps);
  if (grain === 'week') return addDays(period, 7 * steps);
  return addMonths(period, steps);
}

/** The last day a period covers. */
export function periodEnd(period: string, grain: Grain): string {
  return addDays(shiftPeriod(period, grain, 1), -1);
}

/** The period's start must be a Monday for weeks and a first of month for months. */
export function isPeriodStart(period: string, grain: Grain): boolean {
  if (grain === 'week') return weekday(period) === 1;
  if (grain === 'month') return period.endsWith('-01');
  return true;
}

/** Today's date in an IANA time zone. */
export function localToday(timezone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}
