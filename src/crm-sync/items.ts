import { createHash } from 'node:crypto';
import type { ItemKind } from './config.js';

/** A JSON value as it travels in a payload. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One thing the CRM should learn: a customer's churn flag, segment tag or price tag, or an alert. */
export interface SyncItem {
  kind: ItemKind;
  /** customer_key for customer items, alert_id for alerts. */
  key: string;
  payload: { [key: string]: Json };
}

/** JSON with object keys sorted at every level, so equal content always has equal bytes and hash. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * An item that says nothing worth saying to a CRM that never heard of the customer: a low churn
 * risk, no price sensitivity. It is only sent to correct an earlier, different state.
 */
export function isNeutral(item: SyncItem): boolean {
  if (item.kind === 'churn_flag') return item.payload.risk_band === 'low' && item.payload.recovery_candidate !== true;
  if (item.kind === 'price_tag') return item.payload.price_sensitive !== true;
  return false;
}
