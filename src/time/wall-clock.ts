/**
 * Converts a wall-clock time read in an IANA time zone (a phone's local time in a chat export) to a
 * UTC instant, with the platform's Intl data: no time-zone package needed.
 */

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in ms, at the UTC instant `utcMs`. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** True when the fields name a real calendar date and time (no 31 February, no 24:00). */
export function isValidWallClock(wall: WallClock): boolean {
  const { year, month, day, hour, minute, second } = wall;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * UTC epoch ms of a wall-clock time in `zone`. A time that occurs twice (clocks set back) resolves
 * to the earlier instant; a time skipped by a clock change (set forward) resolves to the instant it
 * would be at with the offset before the change, i.e. one step later on the new clock, as a phone
 * that printed it must have been running on the old offset.
 */
export function wallClockToUtcMs(wall: WallClock, zone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Offsets in force half a day either side cover any single transition near this time.
  const before = zoneOffsetMs(zone, naive - 12 * HOUR_MS);
  const after = zoneOffsetMs(zone, naive + 12 * HOUR_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset)
    .filter((utc) => naive - zoneOffsetMs(zone, utc) === utc)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? candidates[0] : naive - before;
}
