/**
 * Parses one WhatsApp chat export (`.txt`) into messages and rejects. Pure: it reads lines from a
 * source it is given and never touches a warehouse. Two passes over the lines, so memory does not
 * grow with the file: the first surveys it (every date, to tell day-first from month-first; who
 * writes, to find the customer), the second turns lines into messages.
 */
import type { CountryCode } from 'libphonenumber-js';
import { readBody, stripMarks, type Body } from './body.js';
import { resolveCustomerPhone, isPhoneLike } from './customer-phone.js';
import { calendarDate, detectDateOrder, type DateOrder, type WrittenDate } from './date-order.js';
import { hour24, matchHeader, type HeaderMatch } from './header.js';
import { LocalClock } from './local-clock.js';
import { chatExportMessageId, OccurrenceCounter } from './message-id.js';
import { EDITED_SUFFIX } from './vocabulary.js';

export interface ChatExportSettings {
  /** The export's path: names the rejects and may carry the customer's phone. */
  file: string;
  /** The business time zone: the phone's clock is read in it. */
  timezone: string;
  /** Sender names of the business side (agents); compared without case or marks. */
  businessNames: readonly string[];
  defaultRegion: CountryCode;
  /** Overrides date-order detection. */
  dateOrder?: DateOrder;
  /** The customer's phone, when neither the file name nor the sender carries it. */
  phone?: string;
}

export interface ChatExportMessage {
  messageId: string;
  /** 1-based line of the message's first line. */
  line: number;
  /** The message's lines as written in the file. */
  raw: string;
  tsMs: number;
  customerPhone: string;
  customerName: string | null;
  direction: 'inbound' | 'outbound';
  senderKind: 'customer' | 'agent';
  agentId: string | null;
  type: string;
  text: string | null;
}

export interface ChatExportReject {
  /** 1-based line, or 0 when the whole file is refused. */
  line: number;
  reason: string;
  raw: string;
}

export type ChatExportEvent = { kind: 'message'; message: ChatExportMessage } | { kind: 'reject'; reject: ChatExportReject };

/** A line the reader could not hold (longer than the record limit): rejected, and what continues it too. */
export interface UnreadableLine {
  reason: string;
  /** The start of the line, for the reject. */
  head: string;
}

/** Opens the export's lines (without line endings) afresh on each call. */
export type LineSource = () => Iterable<string | UnreadableLine> | AsyncIterable<string | UnreadableLine>;

const HEAD_CHARS = 64 * 1024;

interface Survey {
  /** Non-year-first dates in file order, consecutive repeats collapsed. */
  dates: WrittenDate[];
  /** Customer senders by comparison key, as first written. */
  customers: Map<string, string>;
  messages: number;
  /** The start of the file, shown when the whole file is refused. */
  head: string;
}

interface Pending {
  line: number;
  body: Body;
  tsMs: number;
  lines: string[];
}

function senderKey(name: string): string {
  return stripMarks(name).normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

async function survey(lines: LineSource, businessKeys: ReadonlyMap<string, string>): Promise<Survey> {
  const result: Survey = { dates: [], customers: new Map(), messages: 0, head: '' };
  let last: WrittenDate | null = null;
  for await (const line of lines()) {
    if (typeof line !== 'string') continue;
    if (result.head.length < HEAD_CHARS) result.head = `${result.head}${result.head ? '\n' : ''}${line}`.slice(0, HEAD_CHARS);
    const header = matchHeader(line);
    if (!header) continue;
    result.messages++;
    if (!header.yearFirst && (last === null || header.date.some((n, i) => n !== last![i]))) {
      result.dates.push(header.date);
      last = header.date;
    }
    const body = readBody(header.body, header.style);
    if (body.kind !== 'message' || body.sender === null) continue;
    const key = senderKey(body.sender);
    if (!businessKeys.has(key) && !result.customers.has(key)) result.customers.set(key, body.sender);
  }
  return result;
}

/** What applies to all the file's messages, or why none can be loaded (a stable reason and its detail). */
type FilePlan =
  | { ok: true; order: DateOrder; customerPhone: string; customerName: string | null }
  | { ok: false; reason: string; detail: string };

function planFile(found: Survey, settings: ChatExportSettings): FilePlan {
  const verdict = detectDateOrder(found.dates, settings.dateOrder);
  if (verdict.order === null) return { ok: false, reason: verdict.reason, detail: verdict.detail };
  const customers = [...found.customers.values()];
  if (customers.length > 1) {
    return {
      ok: false,
      reason: "more than one customer writes in this chat; add agents' names to business.sender_names",
      detail: `only one-to-one chats can be attributed: ${customers.map((name) => `"${name}"`).join(', ')}`,
    };
  }
  const sender = customers[0] ?? null;
  const phone = resolveCustomerPhone({ option: settings.phone, sender, file: settings.file, defaultRegion: settings.defaultRegion });
  if (phone.phone === null) return { ok: false, reason: phone.reason, detail: phone.detail };
  return { ok: true, order: verdict.order, customerPhone: phone.phone, customerName: sender !== null && !isPhoneLike(sender) ? sender : null };
}

/** The UTC instant of a header, or why it is not a real time. */
function headerInstant(header: HeaderMatch, order: DateOrder, clock: LocalClock): number | string {
  const date = calendarDate(header.date, header.yearFirst ? 'ymd' : order);
  const hour = hour24(header);
  const instant = hour === null ? null : clock.toUtcMs(date, hour, header.minute, header.second);
  if (instant !== null) return instant;
  const minute = String(header.minute).padStart(2, '0');
  return `not a valid date and time (${header.date.join('/')} ${header.hour}:${minute}${header.meridiem ? ` ${header.meridiem}` : ''} read as ${header.yearFirst ? 'ymd' : order})`;
}

function messageText(pending: Pending): string | null {
  const { body, lines } = pending;
  const continuation = lines.slice(1);
  const parts = body.text === null ? continuation : [body.text, ...continuation];
  const text = parts.join('\n').replace(/\n+$/u, '');
  if (body.type === 'text') return text.replace(EDITED_SUFFIX, '');
  return text === '' ? null : text;
}

export async function* parseChatExport(lines: LineSource, settings: ChatExportSettings): AsyncGenerator<ChatExportEvent> {
  const businessKeys = new Map(settings.businessNames.map((name) => [senderKey(name), name]));
  const found = await survey(lines, businessKeys);
  const plan = planFile(found, settings);
  if (!plan.ok) {
    if (found.head.trim() !== '') {
      yield { kind: 'reject', reject: { line: 0, reason: `${plan.reason} (${plan.detail}; ${found.messages} messages not loaded)`, raw: found.head } };
    }
    return;
  }
  const occurrences = new OccurrenceCounter();
  const clock = new LocalClock(settings.timezone);

  const toMessage = (pending: Pending): ChatExportMessage => {
    const { body } = pending;
    const agentId = body.sender === null ? null : (businessKeys.get(senderKey(body.sender)) ?? null);
    const identity = {
      customerPhone: plan.customerPhone,
      tsMs: pending.tsMs,
      sender: body.kind === 'system' ? 'system' : (agentId ?? 'customer'),
      type: body.type,
      text: messageText(pending),
    };
    return {
      messageId: chatExportMessageId(identity, occurrences.next(identity)),
      line: pending.line,
      raw: pending.lines.join('\n'),
      tsMs: pending.tsMs,
      customerPhone: plan.customerPhone,
      customerName: body.kind === 'message' && agentId === null ? plan.customerName : null,
      direction: agentId === null ? 'inbound' : 'outbound',
      senderKind: agentId === null ? 'customer' : 'agent',
      agentId,
      type: body.type,
      text: identity.text,
    };
  };

  let pending: Pending | null = null;
  let rejectedLine: number | null = null;
  let lineNo = 0;
  for await (const line of lines()) {
    lineNo++;
    if (typeof line !== 'string') {
      if (pending) yield { kind: 'message', message: toMessage(pending) };
      pending = null;
      rejectedLine = lineNo;
      yield { kind: 'reject', reject: { line: lineNo, reason: line.reason, raw: line.head } };
      continue;
    }
    const header = matchHeader(line);
    if (header) {
      if (pending) yield { kind: 'message', message: toMessage(pending) };
      pending = null;
      const instant = headerInstant(header, plan.order, clock);
      if (typeof instant === 'string') {
        rejectedLine = lineNo;
        yield { kind: 'reject', reject: { line: lineNo, reason: instant, raw: line } };
        continue;
      }
      rejectedLine = null;
      pending = { line: lineNo, body: readBody(header.body, header.style), tsMs: instant, lines: [line] };
    } else if (pending) {
      pending.lines.push(line);
    } else if (line.replace(/^\ufeff/u, '').trim() === '') {
      continue;
    } else if (rejectedLine !== null) {
      yield { kind: 'reject', reject: { line: lineNo, reason: `continues a rejected line (line ${rejectedLine})`, raw: line } };
    } else {
      yield { kind: 'reject', reject: { line: lineNo, reason: 'not a message line and nothing before it to continue (no date and time at its start)', raw: line } };
    }
  }
  if (pending) yield { kind: 'message', message: toMessage(pending) };
}
