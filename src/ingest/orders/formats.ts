import { arrayField, isObject, stringField, type JsonObject } from '../json-record.js';
import type { CsvRecord } from '../read/csv.js';
import type { ItemInput, OrderInput } from './order.js';

/** The shop's own CSV (the sample): one row per order, items as `SKU:qty:price|SKU:qty:price`. */
export function fromShopCsv(record: CsvRecord): OrderInput | FormatError {
  const v = record.values;
  const items = parseItemList(v.items ?? '');
  if (!Array.isArray(items)) return items;
  return {
    source: 'csv',
    order_id: v.order_id ?? null,
    customer_phone: v.customer_phone ?? null,
    customer_name: v.customer_name ?? null,
    email: v.email ?? null,
    country: v.country ?? null,
    status: v.status ?? null,
    payment_method: v.payment_method ?? null,
    currency: v.currency ?? null,
    total: v.total ?? null,
    created_at: v.created_at,
    updated_at: v.updated_at,
    paid_at: v.paid_at,
    items,
    raw: v,
  };
}

export interface FormatError {
  field: string;
  reason: string;
}

/** `SKU:qty:price|SKU:qty:price`, the shop's compact item list. */
function parseItemList(text: string): ItemInput[] | FormatError {
  const items: ItemInput[] = [];
  const list = text.split('|').filter((item) => item.trim() !== '');
  for (let i = 0; i < list.length; i++) {
    const parts = list[i].split(':');
    if (parts.length !== 3) return { field: 'items', reason: `not SKU:qty:price (item ${i + 1})` };
    items.push({ sku: parts[0].trim() || null, name: null, quantity: parts[1].trim(), unit_price: parts[2].trim() });
  }
  return items;
}

/** One NDJSON order: the shop CSV's fields, items as an array of objects (or the CSV's string form). */
export function fromJson(record: JsonObject): OrderInput | FormatError {
  const items =
    typeof record.items === 'string'
      ? parseItemList(record.items)
      : arrayField(record, 'items').map((item) => ({
          sku: stringField(item, 'sku'),
          name: stringField(item, 'name'),
          quantity: numberOrString(item, 'quantity'),
          unit_price: numberOrString(item, 'unit_price') ?? numberOrString(item, 'price'),
        }));
  if (!Array.isArray(items)) return items;
  return {
    source: 'ndjson',
    order_id: stringField(record, 'order_id'),
    customer_phone: stringField(record, 'customer_phone'),
    customer_name: stringField(record, 'customer_name'),
    email: stringField(record, 'email'),
    country: stringField(record, 'country'),
    status: stringField(record, 'status'),
    payment_method: stringField(record, 'payment_method'),
    currency: stringField(record, 'currency'),
    total: numberOrString(record, 'total'),
    created_at: record.created_at,
    updated_at: record.updated_at,
    paid_at: record.paid_at,
    items,
    raw: record,
  };
}

function numberOrString(object: unknown, key: string): string | number | null {
  if (!isObject(object)) return null;
  const value = object[key];
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** Header of Shopify's standard orders export ("Export orders" → CSV). */
export function isShopifyHeader(columns: readonly string[]): boolean {
  return columns.includes('Name') && columns.includes('Lineitem sku') && columns.includes('Financial Status');
}

/**
 * One order of Shopify's export from its rows (one per line item; order fields only on the first
 * row). Shopify has no "updated at": the latest of created, paid, fulfilled and cancelled stands in.
 */
export function fromShopify(rows: readonly CsvRecord[]): OrderInput {
  const first = rows[0].values;
  return {
    source: 'shopify',
    order_id: first.Name ?? null,
    customer_phone: first.Phone ?? first['Billing Phone'] ?? first['Shipping Phone'] ?? null,
    customer_name: first['Billing Name'] ?? first['Shipping Name'] ?? null,
    email: first.Email ?? null,
    country: first['Billing Country'] ?? first['Shipping Country'] ?? null,
    status: shopifyStatus(first),
    payment_method: first['Payment Method'] ?? null,
    currency: first.Currency ?? null,
    total: first.Total ?? null,
    created_at: first['Created at'],
    updated_at: undefined,
    paid_at: first['Paid at'],
    other_times: [first['Fulfilled at'], first['Cancelled at']],
    items: rows.map((row) => ({
      sku: row.values['Lineitem sku'] ?? null,
      name: row.values['Lineitem name'] ?? null,
      quantity: row.values['Lineitem quantity'] ?? null,
      unit_price: row.values['Lineitem price'] ?? null,
    })),
    raw: rows.map((row) => row.values),
  };
}

/** Our order status from Shopify's financial, fulfillment and cancellation columns. */
function shopifyStatus(values: Record<string, string>): string | null {
  if (values['Cancelled at']) return 'cancelled';
  const financial = values['Financial Status']?.toLowerCase();
  if (!financial) return null;
  if (financial === 'paid' && values['Fulfillment Status']?.toLowerCase() === 'fulfilled') return 'fulfilled';
  if (financial === 'pending' || financial === 'authorized') return 'placed';
  if (financial === 'voided') return 'cancelled';
  return financial;
}
