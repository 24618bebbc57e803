/** Calendar arithmetic on local dates written 'YYYY-MM-DD' (no time zone involved: a date is a label). */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toDayNumber(date: string): number {
  if (!DATE.test(date)) throw new Error(`expected a date as YYYY-MM-DD, got "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a calendar date`);
  return ms / DAY_MS;
}

export function assertDate(date: string): string {
  toDayNumber(date);
  return date;
}

export function addDays(date: string, days: number): string {
  return new Date((toDayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}
