import type { CountryCode } from 'libphonenumber-js';
import type { OrderItemRow, OrderRow } from '../landing.js';
import { invalidPhone, normalizePhone, regionOf } from '../phone.js';
import { rowHash } from '../row-hash.js';
import type { Emit, IngestContext } from '../source.js';
import { parseInstant } from '../time.js';

/** An order as any of the order formats reads it, before validation. */
export interface OrderInput {
  source: OrderRow['source'];
  order_id: string | null;
  customer_phone: string | null;
  customer_name: string | null;
  email: string | null;
  /** A country for phones without a country code (billing country), when the format has one. */
  country: string | null;
  status: string | null;
  payment_method: string | null;
  currency: string | null;
  total: string | number | null;
  created_at: unknown;
  /** Missing in some exports: then the latest of the order's own times. */
  updated_at: unknown;
  paid_at: unknown;
  /** Other instants of the order (fulfilled, cancelled) that bound `updated_at` when it is missing. */
  other_times?: unknown[];
  items: ItemInput[];
  raw: unknown;
}

export interface ItemInput {
  sku: string | null;
  name: string | null;
  quantity: string | number | null;
  unit_price: string | number | null;
}

/**
 * Validates an order and emits its row and item rows. `row_hash` covers every normalized field
 * and the items, so a re-delivered identical order is a duplicate and a changed one a new version.
 */
export function emitOrder(input: OrderInput, line: number, file: string, rawText: string, emit: Emit, context: IngestContext): void {
  const fail = (field: string, reason: string) => emit.reject(line, field, reason, rawText);
  if (!input.order_id) return fail('order_id', 'missing field');
  if (!input.customer_phone) return fail('customer_phone', 'missing field');
  const region: CountryCode = regionOf(input.country) ?? context.defaultRegion;
  const phone = normalizePhone(input.customer_phone, region);
  if (!phone) return fail('customer_phone', invalidPhone(region));
  if (!input.status) return fail('status', 'missing field');
  if (input.created_at === null || input.created_at === undefined || input.created_at === '') return fail('created_at', 'missing field');
  const createdMs = parseInstant(input.created_at, context.timezone);
  if (createdMs === null) return fail('created_at', 'bad timestamp');
  const paidMs = present(input.paid_at) ? parseInstant(input.paid_at, context.timezone) : null;
  if (present(input.paid_at) && paidMs === null) return fail('paid_at', 'bad timestamp');
  let updatedMs: number | null;
  if (present(input.updated_at)) {
    updatedMs = parseInstant(input.updated_at, context.timezone);
    if (updatedMs === null) return fail('updated_at', 'bad timestamp');
  } else {
    const times = [createdMs, paidMs, ...(input.other_times ?? []).map((t) => (present(t) ? parseInstant(t, context.timezone) : null))];
    updatedMs = Math.max(...times.filter((t): t is number => t !== null));
  }
  const total = toNumber(input.total);
  if (total === null) return fail('total', present(input.total) ? 'not a number' : 'missing field');
  const items: Omit<OrderItemRow, 'row_hash' | 'updated_at_ms' | 'updated_at' | 'ingested_at_ms'>[] = [];
  for (let i = 0; i < input.items.length; i++) {
    const item = input.items[i];
    const quantity = toNumber(item.quantity);
    const unitPrice = toNumber(item.unit_price);
    if (!item.sku) return fail('items', `missing sku (item ${i + 1})`);
    if (quantity === null) return fail('items', `bad quantity (item ${i + 1})`);
    if (unitPrice === null) return fail('items', `bad unit price (item ${i + 1})`);
    items.push({ order_id: input.order_id, line_no: i + 1, sku: item.sku, name: item.name, quantity, unit_price: unitPrice, currency: input.currency });
  }
  const order = {
    order_id: input.order_id,
    source: input.source,
    customer_phone: phone,
    customer_name: input.customer_name,
    email: input.email,
    status: input.status.toLowerCase(),
    payment_method: input.payment_method,
    currency: input.currency,
    total,
    created_at_ms: createdMs,
    updated_at_ms: updatedMs,
    paid_at_ms: paidMs,
  };
  const hash = rowHash([order, items]);
  const row: OrderRow = {
    ...order,
    created_at: createdMs,
    updated_at: updatedMs,
    paid_at: paidMs,
    row_hash: hash,
    raw_json: JSON.stringify(input.raw),
    source_file: file,
    source_line: line,
    ingested_at_ms: context.ingestedAtMs,
  };
  emit.row('raw_orders', row);
  for (const item of items) emit.row('raw_order_items', { ...item, row_hash: hash, updated_at_ms: updatedMs, updated_at: updatedMs, ingested_at_ms: context.ingestedAtMs });
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

function toNumber(value: string | number | null): number | null {
  if (value === null || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value.replace(/,/g, ''));
  return Number.isFinite(number) ? number : null;
}
