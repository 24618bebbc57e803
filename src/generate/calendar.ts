/**
 * The simulated period as local days of the business time zone. Every wall-clock ↔ UTC conversion
 * of the generator goes through here, so a zone with daylight saving time is handled in one place.
 */
import { offsetTransitions, type OffsetTransition } from '../transform/timezone.js';

const DAY_MS = 86_400_000;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export class LocalCalendar {
  /** UTC ms of local midnight of day d, for d in [0, days]; the last entry is the end of the period. */
  private readonly dayStarts: number[];
  /** True when the UTC offset is the same all day, so wall-clock times convert by a plain sum. */
  private readonly steadyOffset: boolean[];
  private readonly dates: string[];
  private readonly weekdays: number[];
  private readonly transitions: OffsetTransition[];

  constructor(
    readonly timezone: string,
    endDate: string,
    readonly days: number,
  ) {
    this.transitions = offsetTransitions(timezone);
    const endUtcDate = parseDate(endDate);
    this.dayStarts = [];
    this.dates = [];
    this.weekdays = [];
    for (let d = 0; d <= days; d++) {
      const civil = endUtcDate - (days - 1 - d) * DAY_MS;
      this.dayStarts.push(this.wallToUtc(civil));
      const date = new Date(civil);
      this.dates.push(date.toISOString().slice(0, 10));
      this.weekdays.push(((date.getUTCDay() + 6) % 7) + 1);
    }
    this.steadyOffset = [];
    for (let d = 0; d < days; d++) {
      this.steadyOffset.push(this.offsetMs(this.dayStarts[d]) === this.offsetMs(this.dayStarts[d + 1] - 1));
    }
  }

  get startMs(): number {
    return this.dayStarts[0];
  }

  get endMs(): number {
    return this.dayStarts[this.days];
  }

  /** Local date of day d, 'YYYY-MM-DD'. */
  date(day: number): string {
    return this.dates[day];
  }

  /** ISO weekday of day d: 1 = Monday … 7 = Sunday. */
  weekday(day: number): number {
    return this.weekdays[day];
  }

  dayStartMs(day: number): number {
    return this.dayStarts[day];
  }

  /** UTC ms of a local wall-clock time given as seconds since local midnight of day d. */
  at(day: number, secondOfDay: number): number {
    const guess = this.dayStarts[day] + secondOfDay * 1000;
    if (this.steadyOffset[day]) return guess;
    const civil = parseDate(this.dates[day]) + secondOfDay * 1000;
    return this.wallToUtc(civil);
  }

  /** The local day index of a UTC instant; -1 before the period, `days` at or after its end. */
  dayOf(ms: number): number {
    if (ms < this.dayStarts[0]) return -1;
    if (ms >= this.dayStarts[this.days]) return this.days;
    let day = Math.min(this.days - 1, Math.floor((ms - this.dayStarts[0]) / DAY_MS));
    while (day > 0 && this.dayStarts[day] > ms) day--;
    while (this.dayStarts[day + 1] <= ms) day++;
    return day;
  }

  /** Local wall-clock fields of a UTC instant. */
  wallClock(ms: number): WallClock {
    const shifted = new Date(ms + this.offsetMs(ms));
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    };
  }

  /** Local time minus UTC at an instant, in ms. */
  offsetMs(ms: number): number {
    let low = 0;
    let high = this.transitions.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.transitions[middle].from_ms <= ms) low = middle;
      else high = middle - 1;
    }
    return this.transitions[low].offset_ms;
  }

  /** UTC ms of a wall-clock time written as if it were UTC ("civil" ms). */
  private wallToUtc(civil: number): number {
    const first = civil - this.offsetMs(civil);
    return civil - this.offsetMs(first);
  }
}

/** 'YYYY-MM-DD' → UTC ms of that date's midnight; throws on anything else. */
export function parseDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  }
  return ms;
}

/** ISO 8601 UTC with milliseconds, as the sample files write it. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
