import { canonicalJson } from '../items.js';
import type { Delivery } from './types.js';

/**
 * A delivery as one JSON document (a webhook body, a file line): the item with its idempotency
 * key and content hash, built only from what the outbox fixed at enqueue time, so it never changes.
 */
export function envelope(delivery: Delivery): string {
  return canonicalJson({
    delivery_id: delivery.delivery_id,
    kind: delivery.kind,
    key: delivery.key,
    content_hash: delivery.content_hash,
    data: delivery.data,
  });
}
