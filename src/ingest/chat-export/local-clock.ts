/**
 * Reads the phone's wall-clock times in the business time zone with the shared `parseInstant`
 * (so every source resolves daylight-saving edges the same way), remembering the zone's offset per
 * local hour: a chat export is thousands of times within few hours, and a zone lookup costs far
 * more than the rest of a line.
 */
import { parseInstant } from '../time.js';
import type { CalendarDate } from './date-order.js';

const CACHE_LIMIT = 10_000;
const HOUR_MS = 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

export class LocalClock {
  /** Offset (UTC − wall, ms) by local `YYYY-MM-DD HH`; null when it changes within that hour or the date is not real. */
  private readonly offsets = new Map<string, number | null>();

  constructor(private readonly timezone: string) {}

  /** UTC epoch ms of the wall-clock time, or null when it is not a real date and time. */
  toUtcMs({ year, month, day }: CalendarDate, hour: number, minute: number, second: number): number | null {
    if (hour > 23 || minute > 59 || second > 59) return null;
    const hourKey = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${two(hour)}`;
    let offset = this.offsets.get(hourKey);
    if (offset === undefined) {
      offset = this.hourOffset(hourKey, Date.UTC(year, month - 1, day, hour));
      if (this.offsets.size >= CACHE_LIMIT) this.offsets.clear();
      this.offsets.set(hourKey, offset);
    }
    if (offset === null) return parseInstant(`${hourKey}:${two(minute)}:${two(second)}`, this.timezone);
    return Date.UTC(year, month - 1, day, hour, minute, second) - offset;
  }

  /** The hour's offset when its first and last second agree (no clock change inside it). */
  private hourOffset(hourKey: string, wallStart: number): number | null {
    const first = parseInstant(`${hourKey}:00:00`, this.timezone);
    const last = parseInstant(`${hourKey}:59:59`, this.timezone);
    if (first === null || last === null) return null;
    const offset = wallStart - first;
    return wallStart + HOUR_MS - 1000 - last === offset ? offset : null;
  }
}
