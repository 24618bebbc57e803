/**
 * Orders after sales chats: created a few days later, paid by card (almost always completed),
 * bank transfer, or cash on delivery (often refused at the door). Every change of status is a new
 * row with a later updated_at; a few orders get two different rows with the same updated_at.
 */
import { PRODUCT_TABLE, type Product } from './catalog.js';
import type { IdFactory } from './ids.js';
import { formatAmount, priceIn, type Currency } from './market.js';
import type { Random } from './random.js';
import type { PaymentMethod } from './scenarios.js';

/** P(order | sales chat) by the payment method the customer prefers. */
export const ORDER_PROBABILITY: Record<PaymentMethod, number> = { card: 0.42, transfer: 0.36, cod: 0.26 };
/** P(paid | order) by payment method. */
export const PAYMENT_COMPLETION: Record<PaymentMethod, number> = { card: 0.97, transfer: 0.88, cod: 0.62 };
export const ORDER_DELAY_MEDIAN_DAYS = 3.5;
const ORDER_DELAY_SIGMA = 0.3;
export const ORDER_CONFLICT_SHARE = 0.006;

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface OrderVersion {
  status: 'placed' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';
  ms: number;
}

export interface OrderLine {
  product: Product;
  quantity: number;
  unitCents: number;
}

export interface PlannedOrder {
  id: string;
  createdMs: number;
  payment: PaymentMethod;
  currency: Currency;
  lines: OrderLine[];
  totalCents: number;
  versions: OrderVersion[];
  /** A second row with the same updated_at as one of the later versions, with another status. */
  conflict?: OrderVersion;
  paidMs?: number;
  fulfilledMs?: number;
}

export function orderDelayMs(random: Random): number {
  return random.logNormal(ORDER_DELAY_MEDIAN_DAYS, ORDER_DELAY_SIGMA) * DAY;
}

export function planOrder(random: Random, ids: IdFactory, createdMs: number, product: Product, payment: PaymentMethod, currency: Currency): PlannedOrder {
  const lines: OrderLine[] = [{ product, quantity: random.chance(0.85) ? 1 : 2, unitCents: priceIn(product.hkdCents, currency) }];
  if (random.chance(0.3)) {
    const extra = PRODUCT_TABLE.draw(random);
    if (extra.sku !== product.sku) lines.push({ product: extra, quantity: 1, unitCents: priceIn(extra.hkdCents, currency) });
  }
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitCents, 0);
  const versions = lifecycle(random, createdMs, payment);
  const order: PlannedOrder = {
    id: ids.orderId(),
    createdMs,
    payment,
    currency,
    lines,
    totalCents,
    versions,
    paidMs: versions.find((version) => version.status === 'paid')?.ms,
    fulfilledMs: versions.find((version) => version.status === 'fulfilled')?.ms,
  };
  if (versions.length > 1 && random.chance(ORDER_CONFLICT_SHARE)) {
    const clash = versions[random.int(1, versions.length - 1)];
    order.conflict = { status: clash.status === 'cancelled' ? 'paid' : 'cancelled', ms: clash.ms };
  }
  return order;
}

function lifecycle(random: Random, created: number, payment: PaymentMethod): OrderVersion[] {
  const versions: OrderVersion[] = [{ status: 'placed', ms: created }];
  const add = (status: OrderVersion['status'], ms: number) => {
    versions.push({ status, ms: Math.round(ms) });
    return Math.round(ms);
  };
  const completes = random.chance(PAYMENT_COMPLETION[payment]);
  if (payment === 'cod') {
    const shipped = add('fulfilled', created + random.uniform(12, 48) * HOUR);
    add(completes ? 'paid' : 'cancelled', shipped + random.uniform(24, 72) * HOUR);
    return versions;
  }
  if (!completes) {
    add('cancelled', created + (payment === 'card' ? random.uniform(1, 24) : random.uniform(72, 96)) * HOUR);
    return versions;
  }
  const paid = add('paid', created + (payment === 'card' ? random.uniform(60, 600) * 1000 : random.logNormal(8, 1) * HOUR));
  const shipped = add('fulfilled', paid + random.uniform(12, 72) * HOUR);
  if (random.chance(0.02)) add('refunded', shipped + random.uniform(5, 15) * DAY);
  return versions;
}

/** "SKU:qty:price|…" with prices in the order's currency. */
export function itemsField(order: PlannedOrder): string {
  return order.lines.map((line) => `${line.product.sku}:${line.quantity}:${formatAmount(line.unitCents, order.currency)}`).join('|');
}
