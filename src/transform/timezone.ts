/**
 * Local time without per-row time-zone lookups: the UTC offsets of a zone as a short list of
 * transitions (computed here from the Node/ICU time-zone database), turned into one SQL
 * expression both engines evaluate identically. Converting through a zone per row costs about
 * two microseconds on DuckDB (ICU), far too much for tens of millions of messages; an offset
 * picked by a balanced CASE tree costs a handful of integer comparisons.
 */

export interface OffsetTransition {
  /** First UTC instant (epoch ms) at which the offset applies. */
  from_ms: number;
  /** Local time − UTC, in ms. */
  offset_ms: number;
}

/** Offsets are looked up from this year on; earlier instants use the offset in force then. */
export const FIRST_YEAR = 2005;
export const LAST_YEAR = 2045;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const QUARTER_HOUR_MS = 900_000;

function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (instant - (instant % 1000));
}

/** The zone's offset transitions between FIRST_YEAR and LAST_YEAR, the first entry covering FIRST_YEAR's start. */
export function offsetTransitions(zone: string, firstYear = FIRST_YEAR, lastYear = LAST_YEAR): OffsetTransition[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const start = Date.UTC(firstYear, 0, 1);
  const end = Date.UTC(lastYear + 1, 0, 1);
  const transitions: OffsetTransition[] = [{ from_ms: start, offset_ms: offsetAt(format, start) }];
  // Weekly samples find the weeks with a change (no zone changes its offset twice within a week),
  // then the day, then the quarter hour (every transition happens on one).
  for (let week = start; week < end; week += WEEK_MS) {
    if (offsetAt(format, week) === offsetAt(format, week + WEEK_MS)) continue;
    for (let day = week; day < week + WEEK_MS; day += DAY_MS) {
      const before = offsetAt(format, day);
      if (offsetAt(format, day + DAY_MS) === before) continue;
      let lo = day;
      let hi = day + DAY_MS;
      while (hi - lo > QUARTER_HOUR_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
        if (offsetAt(format, mid) === before) lo = mid;
        else hi = mid;
      }
      transitions.push({ from_ms: hi, offset_ms: offsetAt(format, hi) });
    }
  }
  return transitions;
}

/** SQL for the offset (ms) at epoch-ms expression `ms`: a balanced CASE tree over the transitions. */
export function offsetExpression(transitions: readonly OffsetTransition[], ms: string): string {
  const build = (lo: number, hi: number): string => {
    if (lo === hi) return String(transitions[lo].offset_ms);
    const mid = Math.ceil((lo + hi) / 2);
    return `CASE WHEN ${ms} >= ${transitions[mid].from_ms} THEN ${build(mid, hi)} ELSE ${build(lo, mid - 1)} END`;
  };
  return `(${build(0, transitions.length - 1)})`;
}
