/**
 * Whether a chat export writes dates day-first or month-first. The phone's locale decides and the
 * file does not say, so it is read off the dates themselves: a first number above 12 can only be a
 * day, a second number above 12 only a day too. When every date reads both ways, the order under
 * which the chat runs forward in time wins (chats are written in order). Year-first dates
 * (`2026/11/20`) are always year/month/day and say nothing about the others.
 */

export type DateOrder = 'dmy' | 'mdy';

/** A date as written: the three numbers in file order. */
export type WrittenDate = readonly [number, number, number];

export type DateOrderVerdict =
  | { order: DateOrder; detected: boolean }
  | { order: null; reason: string; detail: string };

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads a written date in the given order; two-digit years are 20xx. */
export function calendarDate(date: WrittenDate, order: DateOrder | 'ymd'): CalendarDate {
  const [a, b, c] = date;
  if (order === 'ymd') return { year: a, month: b, day: c };
  const year = c < 100 ? 2000 + c : c;
  return order === 'dmy' ? { year, month: b, day: a } : { year, month: a, day: b };
}

export function isValidDate({ year, month, day }: CalendarDate): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber({ year, month, day }: CalendarDate): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** How often the chat would go back in time if read in `order` (invalid dates are skipped). */
function backwardSteps(dates: readonly WrittenDate[], order: DateOrder): number {
  let steps = 0;
  let previous = -Infinity;
  for (const written of dates) {
    const date = calendarDate(written, order);
    if (!isValidDate(date)) continue;
    const day = dayNumber(date);
    if (day < previous) steps++;
    previous = day;
  }
  return steps;
}

/**
 * Decides the order for the non-year-first dates of one file, in file order. An override always
 * wins. Otherwise the order under which more dates are valid; on a tie, the one under which the
 * chat goes back in time less often; if that ties too, the file does not say.
 */
export function detectDateOrder(dates: readonly WrittenDate[], override?: DateOrder): DateOrderVerdict {
  if (override) return { order: override, detected: false };
  const valid = (order: DateOrder) => dates.filter((date) => isValidDate(calendarDate(date, order))).length;
  const dmy = valid('dmy');
  const mdy = valid('mdy');
  if (dmy !== mdy) return { order: dmy > mdy ? 'dmy' : 'mdy', detected: true };
  const dmyBackward = backwardSteps(dates, 'dmy');
  const mdyBackward = backwardSteps(dates, 'mdy');
  if (dmyBackward !== mdyBackward) return { order: dmyBackward < mdyBackward ? 'dmy' : 'mdy', detected: true };
  // Day equal to month (05/05) reads the same either way.
  if (dates.every(([a, b]) => a === b)) return { order: 'dmy', detected: true };
  return {
    order: null,
    reason: 'date order is ambiguous; pass --date-order dmy|mdy',
    detail: 'every date reads both day-first and month-first',
  };
}
