/**
 * The records in their real wire formats: Cloud API webhook bodies (messages and statuses), the
 * send log, clicks, and the orders and CRM CSV rows. Keys are written in the order the real
 * systems use (and the samples show), so the output is byte-stable.
 */
import { isoUtc } from './calendar.js';
import type { CloudApiError, StatusName } from './delivery.js';
import { csvRow } from './writers.js';

export interface BusinessNumber {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export const DEFAULT_BUSINESS_NUMBER: BusinessNumber = {
  wabaId: '730011223344556',
  phoneNumberId: '411100223344556',
  displayPhoneNumber: '85230001234',
};

const seconds = (ms: number) => String(Math.floor(ms / 1000));

export type InboundBody =
  | { type: 'text'; text: { body: string } }
  | { type: 'image'; image: { caption?: string; mime_type: string; sha256: string; id: string } }
  | { type: 'audio'; audio: { mime_type: string; sha256: string; id: string; voice: boolean } }
  | { type: 'sticker'; sticker: { mime_type: string; sha256: string; id: string; animated: boolean } }
  | { type: 'reaction'; reaction: { message_id: string; emoji: string } }
  | { type: 'interactive'; interactive: { type: 'button_reply'; button_reply: { id: string; title: string } } }
  | {
      type: 'order';
      order: { catalog_id: string; product_items: { product_retailer_id: string; quantity: number; item_price: number; currency: string }[] };
    }
  | { type: 'unsupported'; errors: ReturnType<typeof errorObject>[] };

export interface Referral {
  source_url: string;
  source_id: string;
  source_type: 'ad';
  headline: string;
  body: string;
  ctwa_clid: string;
}

export interface InboundMessage {
  from: string;
  id: string;
  ms: number;
  body: InboundBody;
  context?: { from: string; id: string };
  referral?: Referral;
}

export function inboundItem(message: InboundMessage): string {
  const { context, from, id, ms, body, referral } = message;
  return JSON.stringify({ ...(context ? { context } : {}), from, id, timestamp: seconds(ms), ...body, ...(referral ? { referral } : {}) });
}

export function contactItem(profileName: string, waId: string): string {
  return JSON.stringify({ profile: { name: profileName }, wa_id: waId });
}

export function errorObject(error: CloudApiError) {
  return { code: error.code, title: error.title, message: error.title, error_data: { details: error.details } };
}

export const UNSUPPORTED_ERROR: CloudApiError = { code: 131051, title: 'Message type unknown', details: 'Message type is currently not supported.' };

export interface StatusRecord {
  messageId: string;
  status: StatusName;
  ms: number;
  recipient: string;
  conversation?: { id: string; category: string; expiresMs?: number };
  error?: CloudApiError;
}

const errorJson = new Map<number, string>();

/**
 * Built by concatenation for speed (there are several statuses per message): ids, numbers and
 * categories never need JSON escaping; error objects are serialized once per code.
 */
export function statusItem(record: StatusRecord): string {
  const { conversation, error } = record;
  let item = `{"id":"${record.messageId}","status":"${record.status}","timestamp":"${seconds(record.ms)}","recipient_id":"${record.recipient}"`;
  if (conversation) {
    const expiry = conversation.expiresMs !== undefined ? `"expiration_timestamp":"${seconds(conversation.expiresMs)}",` : '';
    item += `,"conversation":{"id":"${conversation.id}",${expiry}"origin":{"type":"${conversation.category}"}}`;
    item += `,"pricing":{"billable":true,"pricing_model":"CBP","category":"${conversation.category}"}`;
  }
  if (error) {
    let json = errorJson.get(error.code);
    if (json === undefined) {
      json = JSON.stringify([errorObject(error)]);
      errorJson.set(error.code, json);
    }
    item += `,"errors":${json}`;
  }
  return `${item}}`;
}

/** One webhook request body holding several messages (with their senders) or several statuses. */
export function webhookBody(number: BusinessNumber, kind: 'messages' | 'statuses', items: readonly string[], contacts: readonly string[] = []): string {
  const payload = kind === 'messages' ? `"contacts":[${contacts.join(',')}],"messages":[${items.join(',')}]` : `"statuses":[${items.join(',')}]`;
  return `${bodyPrefix(number)}${payload}}}]}]}`;
}

const prefixes = new WeakMap<BusinessNumber, string>();

function bodyPrefix(number: BusinessNumber): string {
  let prefix = prefixes.get(number);
  if (prefix === undefined) {
    const metadata = JSON.stringify({ display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId });
    prefix =
      `{"object":"whatsapp_business_account","entry":[{"id":${JSON.stringify(number.wabaId)},"changes":[{"field":"messages",` +
      `"value":{"messaging_product":"whatsapp","metadata":${metadata},`;
    prefixes.set(number, prefix);
  }
  return prefix;
}

export interface SendLogRecord {
  messageId: string;
  to: string;
  ms: number;
  senderKind: 'agent' | 'bot' | 'campaign';
  agentId?: string;
  type: 'text' | 'template' | 'interactive';
  template?: { name: string; category: 'marketing' | 'utility'; language: string };
  text: string;
}

export function sendLogLine(number: BusinessNumber, record: SendLogRecord): string {
  const agent = record.agentId ? `,"agent_id":"${record.agentId}"` : '';
  const template = record.template ? `,"template":${JSON.stringify(record.template)}` : '';
  return (
    `{"message_id":"${record.messageId}","phone_number_id":"${number.phoneNumberId}","to":"${record.to}","sent_at":"${isoUtc(record.ms)}",` +
    `"sender_kind":"${record.senderKind}"${agent},"type":"${record.type}"${template},"text":${JSON.stringify(record.text)}}`
  );
}

export interface ClickRecord {
  clickId: string;
  token: string;
  messageId: string;
  url: string;
  ms: number;
  userAgent?: string;
}

export function clickLine(record: ClickRecord): string {
  return JSON.stringify({
    click_id: record.clickId,
    token: record.token,
    message_id: record.messageId,
    url: record.url,
    clicked_at: isoUtc(record.ms),
    ...(record.userAgent ? { user_agent: record.userAgent } : {}),
  });
}

export const ORDER_COLUMNS = ['order_id', 'customer_phone', 'created_at', 'updated_at', 'status', 'payment_method', 'currency', 'total', 'items'] as const;

export interface OrderRow {
  orderId: string;
  phone: string;
  createdMs: number;
  updatedMs: number;
  status: string;
  payment: string;
  currency: string;
  total: string;
  items: string;
}

export function orderLine(row: OrderRow): string {
  return csvRow([row.orderId, row.phone, isoUtc(row.createdMs), isoUtc(row.updatedMs), row.status, row.payment, row.currency, row.total, row.items]);
}

export const CRM_COLUMNS = ['crm_id', 'first_name', 'last_name', 'phone', 'mobile_phone', 'email', 'tier', 'address', 'postal_code', 'country', 'updated_at'] as const;

export interface CrmRow {
  crmId: string;
  firstName: string;
  lastName: string;
  phone: string;
  mobilePhone: string;
  email: string;
  tier: string;
  address: string;
  postalCode: string;
  country: string;
  updatedMs: number;
}

export function crmLine(row: CrmRow): string {
  return csvRow([row.crmId, row.firstName, row.lastName, row.phone, row.mobilePhone, row.email, row.tier, row.address, row.postalCode, row.country, isoUtc(row.updatedMs)]);
}
