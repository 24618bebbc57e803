import { extractEmojis, normalizeText, tokenize } from '../../src/enrich/text.js';
import type { InsertRow, Warehouse } from '../../src/warehouse/types.js';

/** Epoch ms of an ISO instant, e.g. at('2026-11-23T01:00:00Z'). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}

export interface MessageSpec {
  id: string;
  phone: string;
  at: number;
  direction?: 'inbound' | 'outbound';
  senderKind?: 'customer' | 'agent' | 'bot' | 'campaign';
  agentId?: string | null;
  type?: string;
  text?: string | null;
  name?: string | null;
  interactiveId?: string | null;
  template?: string | null;
  sentiment?: number | null;
  source?: string;
  ingestedAt?: number;
  sourceLine?: number;
  /** The business number (inbox); one default number otherwise. */
  phoneNumberId?: string;
}

/**
 * Builds landing rows by hand (as ingest would write them) for model tests: each helper fills
 * the columns a test does not care about, text goes through the real normalizer and tokenizer.
 */
export class Landing {
  readonly messages: InsertRow[] = [];
  readonly statuses: InsertRow[] = [];
  readonly clicks: InsertRow[] = [];
  readonly orders: InsertRow[] = [];
  readonly items: InsertRow[] = [];
  readonly customers: InsertRow[] = [];
  private line = 0;

  message(spec: MessageSpec): this {
    const text = spec.text ?? null;
    const norm = text === null ? '' : normalizeText(text);
    this.messages.push({
      message_id: spec.id,
      source: spec.source ?? (spec.direction === 'outbound' ? 'send_log' : 'whatsapp'),
      phone_number_id: spec.phoneNumberId ?? '411100223344556',
      customer_phone: spec.phone,
      customer_name: spec.name ?? null,
      direction: spec.direction ?? 'inbound',
      sender_kind: spec.senderKind ?? 'customer',
      agent_id: spec.agentId ?? null,
      type: spec.type ?? 'text',
      text,
      text_norm: norm,
      tokens: tokenize(norm),
      emojis: text === null ? [] : extractEmojis(text),
      sentiment: spec.sentiment ?? (text === null ? null : 0.5),
      interactive_id: spec.interactiveId ?? null,
      template_name: spec.template ?? null,
      template_category: spec.template ? 'marketing' : null,
      template_language: spec.template ? 'es' : null,
      context_message_id: null,
      referral_source_id: null,
      referral_source_url: null,
      ts_ms: spec.at,
      ts: spec.at,
      raw_json: JSON.stringify({ id: spec.id }),
      source_file: 'fixture.ndjson',
      source_line: spec.sourceLine ?? ++this.line,
      ingested_at_ms: spec.ingestedAt ?? spec.at,
    });
    return this;
  }

  inbound(id: string, phone: string, when: number, text: string | null, extra: Partial<MessageSpec> = {}): this {
    return this.message({ id, phone, at: when, text, ...extra });
  }

  agent(id: string, phone: string, when: number, agentId: string, text = 'ok', extra: Partial<MessageSpec> = {}): this {
    return this.message({ id, phone, at: when, direction: 'outbound', senderKind: 'agent', agentId, text, ...extra });
  }

  bot(id: string, phone: string, when: number, text = 'auto reply', extra: Partial<MessageSpec> = {}): this {
    return this.message({ id, phone, at: when, direction: 'outbound', senderKind: 'bot', text, ...extra });
  }

  campaign(id: string, phone: string, when: number, template: string, text = 'oferta', extra: Partial<MessageSpec> = {}): this {
    return this.message({ id, phone, at: when, direction: 'outbound', senderKind: 'campaign', type: 'template', template, text, ...extra });
  }

  status(
    messageId: string,
    phone: string,
    status: string,
    when: number,
    extra: { conversationId?: string; category?: string; billable?: boolean; errorCode?: number; errorTitle?: string; ingestedAt?: number } = {},
  ): this {
    this.statuses.push({
      message_id: messageId,
      status,
      recipient_phone: phone,
      phone_number_id: '411100223344556',
      ts_ms: when,
      ts: when,
      conversation_id: extra.conversationId ?? null,
      conversation_category: extra.category ?? null,
      conversation_expires_ms: null,
      conversation_expires: null,
      pricing_billable: extra.billable ?? null,
      pricing_model: extra.billable === undefined ? null : 'CBP',
      pricing_category: extra.category ?? null,
      error_code: extra.errorCode ?? null,
      error_title: extra.errorTitle ?? null,
      error_details: null,
      raw_json: '{}',
      source_file: 'fixture.json',
      source_line: ++this.line,
      ingested_at_ms: extra.ingestedAt ?? when,
    });
    return this;
  }

  click(clickId: string, messageId: string | null, when: number): this {
    this.clicks.push({
      click_id: clickId,
      token: `t_${clickId}`,
      message_id: messageId,
      url: 'https://shop.example/p/1',
      ts_ms: when,
      ts: when,
      user_agent: null,
      raw_json: '{}',
      source_file: 'clicks.ndjson',
      source_line: ++this.line,
      ingested_at_ms: when,
    });
    return this;
  }

  order(spec: {
    id: string;
    phone: string;
    created: number;
    updated?: number;
    status?: string;
    total?: number;
    paidAt?: number | null;
    payment?: string;
    name?: string | null;
    rowHash?: string;
    items?: { sku: string; quantity?: number; unitPrice?: number }[];
  }): this {
    const updated = spec.updated ?? spec.created;
    const rowHash = spec.rowHash ?? `${spec.id}@${updated}:${spec.status ?? 'placed'}`;
    this.orders.push({
      order_id: spec.id,
      source: 'csv',
      customer_phone: spec.phone,
      customer_name: spec.name ?? null,
      email: null,
      status: spec.status ?? 'placed',
      payment_method: spec.payment ?? 'card',
      currency: 'HKD',
      total: spec.total ?? 100,
      created_at_ms: spec.created,
      created_at: spec.created,
      updated_at_ms: updated,
      updated_at: updated,
      paid_at_ms: spec.paidAt ?? null,
      paid_at: spec.paidAt ?? null,
      row_hash: rowHash,
      raw_json: '{}',
      source_file: 'orders.csv',
      source_line: ++this.line,
      ingested_at_ms: updated,
    });
    (spec.items ?? [{ sku: 'SKU-1' }]).forEach((item, i) =>
      this.items.push({
        order_id: spec.id,
        row_hash: rowHash,
        updated_at_ms: updated,
        updated_at: updated,
        line_no: i + 1,
        sku: item.sku,
        name: null,
        quantity: item.quantity ?? 1,
        unit_price: item.unitPrice ?? spec.total ?? 100,
        currency: 'HKD',
        ingested_at_ms: updated,
      }),
    );
    return this;
  }

  customer(spec: { crmId: string; phones: string[]; name?: string; updated: number; rowHash?: string; country?: string; tags?: string[] }): this {
    this.customers.push({
      crm_id: spec.crmId,
      source: 'csv',
      first_name: null,
      last_name: null,
      full_name: spec.name ?? null,
      phones: spec.phones,
      email: null,
      tier: null,
      address: null,
      postal_code: null,
      country: spec.country ?? null,
      tags: spec.tags ?? [],
      updated_at_ms: spec.updated,
      updated_at: spec.updated,
      row_hash: spec.rowHash ?? `${spec.crmId}@${spec.updated}`,
      raw_json: '{}',
      source_file: 'crm.csv',
      source_line: ++this.line,
      ingested_at_ms: spec.updated,
    });
    return this;
  }

  async load(warehouse: Warehouse): Promise<void> {
    await warehouse.insert('raw_messages', this.messages);
    await warehouse.insert('raw_statuses', this.statuses);
    await warehouse.insert('raw_clicks', this.clicks);
    await warehouse.insert('raw_orders', this.orders);
    await warehouse.insert('raw_order_items', this.items);
    await warehouse.insert('raw_customers', this.customers);
  }
}
