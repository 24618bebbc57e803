/**
 * Instants as sources write them, to UTC epoch milliseconds: Unix seconds or milliseconds (numbers
 * or digit strings), ISO 8601 with `Z` or an offset, `YYYY-MM-DD HH:MM[:SS] +HHMM` (Shopify), and
 * date-times without a zone, which are read in the business time zone.
 */

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Unix seconds from 2001-09-09 to 2286, or milliseconds from 2001-09-09 on. */
const UNIX_SECONDS = /^\d{10}$/;
const UNIX_MILLIS = /^\d{13}$/;

export function parseInstant(value: unknown, timezone: string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? fromUnix(String(Math.trunc(value))) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const unix = fromUnix(text);
  if (unix !== null) return unix;
  const m = ISO_LIKE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.trunc(Number(`0.${frac || '0'}`) * 1000));
  if (!validParts(+y, +mo, +d, +h, +mi, +s, wall)) return null;
  if (zone === undefined) return wall - zoneOffsetMs(wall, timezone);
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  return wall - sign * offset;
}

/** Unix seconds as WhatsApp sends them ("1795154592"). */
export function fromUnix(text: string): number | null {
  if (UNIX_SECONDS.test(text)) return Number(text) * 1000;
  if (UNIX_MILLIS.test(text)) return Number(text);
  return null;
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number, wall: number): boolean {
  const date = new Date(wall);
  return y >= 1970 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at (approximately) the given wall-clock time, in ms. */
function zoneOffsetMs(wallAsUtc: number, timezone: string): number {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, format);
  }
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(format!.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - Math.floor(instant / 1000) * 1000;
  };
  // Two passes settle the offset across a daylight-saving change.
  const first = offsetAt(wallAsUtc);
  return offsetAt(wallAsUtc - first);
}
