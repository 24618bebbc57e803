/**
 * Recognises the line that starts a message in a WhatsApp chat export and splits off its
 * timestamp. The two platforms write:
 *
 *   Android  `20/11/2026, 14:03 - Ana: Hola`      `11/20/26, 2:03 PM - Ana: Hi`   `2026/11/20 下午2:03 - …`
 *   iOS      `[20/11/2026, 14:03:12] Ana: Hola`   `[11/20/26, 2:03:12 PM] Ana: Hi`
 *
 * Dates are day-first, month-first or year-first with `/`, `.` or `-`; times use `:` or `.`;
 * 12-hour clocks end in AM/PM, "a. m."/"p. m." (any spacing, including U+202F and U+00A0) or start
 * with 上午/下午. Bidirectional marks (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) may precede it.
 */

export type ExportStyle = 'android' | 'ios';
export type Meridiem = 'am' | 'pm';

export interface HeaderMatch {
  style: ExportStyle;
  /** The three date numbers in the order written; which is the day is decided per file. */
  date: readonly [number, number, number];
  /** The first date number has four digits: year/month/day, whatever the file's order. */
  yearFirst: boolean;
  hour: number;
  minute: number;
  second: number;
  meridiem: Meridiem | null;
  /** Everything after the timestamp: `Sender: text`, or a system notice. */
  body: string;
}

const MARKS = '[\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]*';
const DATE = '(\\d{1,4})[./-](\\d{1,2})[./-](\\d{1,4})\\.?';
const TIME = '(上午|下午)?\\s?(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:\\s*([ap])\\.?\\s?m\\.?)?';
const STAMP = `${DATE},?\\s+${TIME}`;

const IOS = new RegExp(`^${MARKS}\\[${STAMP}${MARKS}\\]\\s(.*)$`, 'iu');
const ANDROID = new RegExp(`^${MARKS}${STAMP}\\s[-–]\\s(.*)$`, 'iu');

const CHINESE_MERIDIEM: Record<string, Meridiem> = { 上午: 'am', 下午: 'pm' };

/** The header of a message line, or null when the line continues the previous message. */
export function matchHeader(line: string): HeaderMatch | null {
  let style: ExportStyle = 'ios';
  let match = IOS.exec(line);
  if (!match) {
    style = 'android';
    match = ANDROID.exec(line);
  }
  if (!match) return null;
  const [, a, b, c, chinese, hour, minute, second, latin, body] = match;
  const meridiem = chinese ? CHINESE_MERIDIEM[chinese] : latin ? (latin.toLowerCase() === 'a' ? 'am' : 'pm') : null;
  return {
    style,
    date: [Number(a), Number(b), Number(c)],
    yearFirst: a.length === 4,
    hour: Number(hour),
    minute: Number(minute),
    second: second === undefined ? 0 : Number(second),
    meridiem,
    body,
  };
}

/** The 24-hour hour of a header, or null when it is not a valid hour for its clock. */
export function hour24(header: Pick<HeaderMatch, 'hour' | 'meridiem'>): number | null {
  const { hour, meridiem } = header;
  if (meridiem === null) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
}
