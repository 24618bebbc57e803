/**
 * Reads a generated data set back from its files (independently of the generator's code), so the
 * tests measure what was written, not what the generator meant to write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { GroundTruth } from '../../src/generate/ground-truth.js';

export interface InboundRow {
  id: string;
  from: string;
  ms: number;
  type: string;
  text?: string;
  interactiveId?: string;
  contextId?: string;
  profileName: string;
  file: string;
}

export interface StatusRow {
  id: string;
  status: string;
  ms: number;
  recipient: string;
  errorCode?: number;
  errorTitle?: string;
  /** Position in arrival order over all webhook files. */
  arrival: number;
  file: string;
}

export interface SendRow {
  message_id: string;
  phone_number_id: string;
  to: string;
  sent_at: string;
  ms: number;
  sender_kind: 'agent' | 'bot' | 'campaign';
  agent_id?: string;
  type: string;
  template?: { name: string; category: string; language: string };
  text: string;
}

export interface ClickRow {
  click_id: string;
  token: string;
  message_id: string;
  url: string;
  clicked_at: string;
  ms: number;
}

export type CsvRow = Record<string, string>;

export interface Dataset {
  dir: string;
  inbound: InboundRow[];
  statuses: StatusRow[];
  bodies: { file: string; items: number; kind: 'messages' | 'statuses' }[];
  sends: SendRow[];
  clicks: ClickRow[];
  orders: CsvRow[];
  crm: CsvRow[];
  links: Record<string, { url: string; message_id: string }>;
  truth: GroundTruth;
  exports: { file: string; text: string }[];
}

export function readDataset(dir: string): Dataset {
  const inbound: InboundRow[] = [];
  const statuses: StatusRow[] = [];
  const bodies: Dataset['bodies'] = [];
  let arrival = 0;
  for (const file of readdirSync(join(dir, 'webhooks')).sort()) {
    const raw = readFileSync(join(dir, 'webhooks', file));
    const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const body = JSON.parse(line);
      const value = body.entry[0].changes[0].value;
      const names = new Map<string, string>((value.contacts ?? []).map((contact: { wa_id: string; profile: { name: string } }) => [contact.wa_id, contact.profile.name]));
      for (const message of value.messages ?? []) {
        inbound.push({
          id: message.id,
          from: message.from,
          ms: Number(message.timestamp) * 1000,
          type: message.type,
          text: message.text?.body ?? message.image?.caption ?? message.interactive?.button_reply?.title,
          interactiveId: message.interactive?.button_reply?.id,
          contextId: message.context?.id,
          profileName: names.get(message.from) ?? '',
          file,
        });
      }
      for (const status of value.statuses ?? []) {
        statuses.push({
          id: status.id,
          status: status.status,
          ms: Number(status.timestamp) * 1000,
          recipient: status.recipient_id,
          errorCode: status.errors?.[0]?.code,
          errorTitle: status.errors?.[0]?.title,
          arrival: arrival++,
          file,
        });
      }
      bodies.push({ file, items: (value.messages ?? value.statuses).length, kind: value.messages ? 'messages' : 'statuses' });
    }
  }
  const ndjson = <T>(name: string): T[] =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as T);
  const sends = ndjson<SendRow>('send-log.ndjson').map((row) => ({ ...row, ms: Date.parse(row.sent_at) }));
  const clicks = ndjson<ClickRow>('clicks.ndjson').map((row) => ({ ...row, ms: Date.parse(row.clicked_at) }));
  const csv = (name: string) => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as CsvRow[];
  const exportsDir = join(dir, 'exports');
  return {
    dir,
    inbound,
    statuses,
    bodies,
    sends,
    clicks,
    orders: csv('orders.csv'),
    crm: csv('crm-contacts.csv'),
    links: JSON.parse(readFileSync(join(dir, 'tracked-links.json'), 'utf8')),
    truth: JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')),
    exports: readdirSync(exportsDir)
      .filter((file) => file.endsWith('.txt'))
      .sort()
      .map((file) => ({ file, text: readFileSync(join(exportsDir, file), 'utf8') })),
  };
}

const CURRENCY_REGION: Record<string, CountryCode> = { HKD: 'HK', TWD: 'TW', EUR: 'ES' };

/** E.164 of a phone as typed in an orders row (local numbers are local to the order's currency). */
export function orderPhone(row: CsvRow): string | undefined {
  return e164(row.customer_phone, CURRENCY_REGION[row.currency]);
}

/** E.164 of a phone as typed in a CRM row (local numbers are local to the contact's country). */
export function e164(phone: string, region: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, region as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

const CONTENT_TYPES = new Set(['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template']);

/** Inbound content messages, each id once (duplicated deliveries removed). */
export function inboundContent(dataset: Dataset): InboundRow[] {
  const seen = new Set<string>();
  return dataset.inbound.filter((row) => {
    if (!CONTENT_TYPES.has(row.type) || seen.has(row.id)) return false;
    seen.add(row.id);
    return true;
  });
}

/** Local wall-clock date, weekday (1 = Monday) and hour in a time zone. */
export function localParts(ms: number, timezone: string): { date: string; weekday: number; hour: number } {
  // Every real UTC offset is a multiple of 15 minutes, so one lookup serves a whole quarter hour.
  const key = `${timezone}/${Math.floor(ms / 900_000)}`;
  const cached = partsCache.get(key);
  if (cached) return cached;
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' });
    formatters.set(timezone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const result = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1,
    hour: Number(parts.hour),
  };
  partsCache.set(key, result);
  return result;
}
const formatters = new Map<string, Intl.DateTimeFormat>();
const partsCache = new Map<string, { date: string; weekday: number; hour: number }>();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
