/** An ISO week as the reports use it: Monday to the next Monday, as local calendar dates. */
export interface IsoWeek {
  /** '2026-W47' */
  label: string;
  isoYear: number;
  isoWeek: number;
  /** The Monday, 'YYYY-MM-DD'. */
  start: string;
  /** The Sunday, 'YYYY-MM-DD'. */
  lastDay: string;
  /** The next Monday (exclusive end), 'YYYY-MM-DD'. */
  end: string;
}

const DAY_MS = 86_400_000;
const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

export class WeekError extends Error {}

/** Parses '2026-W47'; rejects week numbers the ISO year does not have. */
export function parseIsoWeek(label: string): IsoWeek {
  const match = WEEK_LABEL.exec(label);
  if (!match) throw new WeekError(`week "${label}": expected an ISO week like 2026-W47`);
  const isoYear = Number(match[1]);
  const isoWeek = Number(match[2]);
  const weeks = weeksInIsoYear(isoYear);
  if (isoWeek < 1 || isoWeek > weeks) throw new WeekError(`week "${label}": ${isoYear} has ISO weeks 01 to ${weeks}`);
  return weekFromMonday(mondayOfWeekOne(isoYear) + (isoWeek - 1) * 7 * DAY_MS);
}

export function previousWeek(week: IsoWeek): IsoWeek {
  return weekFromMonday(Date.parse(`${week.start}T00:00:00Z`) - 7 * DAY_MS);
}

/** The last ISO week that has fully ended at `now` in the business time zone. */
export function lastCompleteWeek(timezone: string, now: Date = new Date()): IsoWeek {
  const today = Date.parse(`${localDate(now, timezone)}T00:00:00Z`);
  const weekday = (new Date(today).getUTCDay() + 6) % 7;
  return weekFromMonday(today - (weekday + 7) * DAY_MS);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Mon 16 Nov – Sun 22 Nov 2026' */
export function describeWeek(week: IsoWeek): string {
  const day = (iso: string) => {
    const date = new Date(`${iso}T00:00:00Z`);
    return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  };
  return `${day(week.start)} – ${day(week.lastDay)} ${week.lastDay.slice(0, 4)}`;
}

function weekFromMonday(mondayMs: number): IsoWeek {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const isoWeek = Math.round((mondayMs - mondayOfWeekOne(isoYear)) / (7 * DAY_MS)) + 1;
  return {
    label: `${isoYear}-W${String(isoWeek).padStart(2, '0')}`,
    isoYear,
    isoWeek,
    start: isoDate(mondayMs),
    lastDay: isoDate(mondayMs + 6 * DAY_MS),
    end: isoDate(mondayMs + 7 * DAY_MS),
  };
}

/** Week 1 is the week containing 4 January. */
function mondayOfWeekOne(isoYear: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

function weeksInIsoYear(isoYear: number): number {
  return Math.round((mondayOfWeekOne(isoYear + 1) - mondayOfWeekOne(isoYear)) / (7 * DAY_MS));
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function localDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
