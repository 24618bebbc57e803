/**
 * The landing tables as ingest writes them: one row type per table, matching `sql/<engine>/landing.sql`
 * column for column, and the idempotency key of each table (documented at the top of that file).
 * Timestamp columns (`ts`, `created_at`, …) hold the same epoch milliseconds as their `*_ms` twin.
 */

export interface MessageRow {
  message_id: string;
  source: 'whatsapp' | 'send_log' | 'chat_export';
  phone_number_id: string | null;
  customer_phone: string;
  customer_name: string | null;
  direction: 'inbound' | 'outbound';
  sender_kind: 'customer' | 'agent' | 'bot' | 'campaign';
  agent_id: string | null;
  type: string;
  text: string | null;
  text_norm: string;
  tokens: string[];
  emojis: string[];
  sentiment: number | null;
  interactive_id: string | null;
  template_name: string | null;
  template_category: string | null;
  template_language: string | null;
  context_message_id: string | null;
  referral_source_id: string | null;
  referral_source_url: string | null;
  ts_ms: number;
  ts: number;
  raw_json: string;
  source_file: string;
  source_line: number;
  ingested_at_ms: number;
}

export interface StatusRow {
  message_id: string;
  status: string;
  recipient_phone: string;
  phone_number_id: string | null;
  ts_ms: number;
  ts: number;
  conversation_id: string | null;
  conversation_category: string | null;
  conversation_expires_ms: number | null;
  conversation_expires: number | null;
  pricing_billable: boolean | null;
  pricing_model: string | null;
  pricing_category: string | null;
  error_code: number | null;
  error_title: string | null;
  error_details: string | null;
  raw_json: string;
  source_file: string;
  source_line: number;
  ingested_at_ms: number;
}

export interface ClickRow {
  click_id: string;
  token: string;
  message_id: string | null;
  url: string;
  ts_ms: number;
  ts: number;
  user_agent: string | null;
  raw_json: string;
  source_file: string;
  source_line: number;
  ingested_at_ms: number;
}

export interface OrderRow {
  order_id: string;
  source: 'csv' | 'ndjson' | 'shopify';
  customer_phone: string;
  customer_name: string | null;
  email: string | null;
  status: string;
  payment_method: string | null;
  currency: string | null;
  total: number;
  created_at_ms: number;
  created_at: number;
  updated_at_ms: number;
  updated_at: number;
  paid_at_ms: number | null;
  paid_at: number | null;
  row_hash: string;
  raw_json: string;
  source_file: string;
  source_line: number;
  ingested_at_ms: number;
}

export interface OrderItemRow {
  order_id: string;
  row_hash: string;
  updated_at_ms: number;
  updated_at: number;
  line_no: number;
  sku: string;
  name: string | null;
  quantity: number;
  unit_price: number;
  currency: string | null;
  ingested_at_ms: number;
}

export interface CustomerRow {
  crm_id: string;
  source: 'csv' | 'hubspot' | 'postgres' | 'mysql';
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  phones: string[];
  email: string | null;
  tier: string | null;
  address: string | null;
  postal_code: string | null;
  country: string | null;
  tags: string[];
  updated_at_ms: number;
  updated_at: number;
  row_hash: string;
  raw_json: string;
  source_file: string;
  source_line: number;
  ingested_at_ms: number;
}

export interface RejectRow {
  source: string;
  source_file: string;
  line: number;
  field: string | null;
  reason: string;
  raw: string;
  ingested_at_ms: number;
  ingested_at: number;
}

export interface LandingRows {
  raw_messages: MessageRow;
  raw_statuses: StatusRow;
  raw_clicks: ClickRow;
  raw_orders: OrderRow;
  raw_order_items: OrderItemRow;
  raw_customers: CustomerRow;
  ingest_rejects: RejectRow;
}

export type LandingTable = keyof LandingRows;

/** Idempotency keys: a row is appended only when no row with the same key exists. */
export const LANDING_KEYS: { readonly [T in LandingTable]: readonly (keyof LandingRows[T] & string)[] } = {
  raw_messages: ['message_id'],
  raw_statuses: ['message_id', 'status'],
  raw_clicks: ['click_id'],
  raw_orders: ['order_id', 'updated_at_ms', 'row_hash'],
  raw_order_items: ['order_id', 'row_hash', 'line_no'],
  raw_customers: ['crm_id', 'updated_at_ms', 'row_hash'],
  ingest_rejects: ['source_file', 'line', 'reason'],
};

/** The key of a row as one string, for de-duplication inside a batch. */
export function rowKey<T extends LandingTable>(table: T, row: LandingRows[T]): string {
  const columns = LANDING_KEYS[table];
  if (columns.length === 1) return String(row[columns[0]]);
  let key = String(row[columns[0]]);
  for (let i = 1; i < columns.length; i++) key += '\u0000' + String(row[columns[i]]);
  return key;
}
