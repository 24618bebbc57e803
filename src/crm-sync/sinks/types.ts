import type { ItemKind } from '../config.js';
import type { Json, SyncItem } from '../items.js';

/** One item as a sink sends it: the idempotency key and the bytes fixed at enqueue time. */
export interface Delivery {
  delivery_id: string;
  kind: ItemKind;
  key: string;
  content_hash: string;
  /** Canonical JSON of `data`. */
  payload: string;
  data: { [key: string]: Json };
}

export interface DeliveryFailure {
  ok: false;
  deferred?: false;
  /** Short and stable, for the attempt log: http_500, http_429, timeout, ECONNREFUSED, pg_40P01, … */
  code: string;
  message: string;
  retryable: boolean;
  /** The server asked to wait this long (429 Retry-After). */
  retryAfterMs?: number;
}

/** Not sent, because the server asked the sink to slow down: tried again later, without counting as a failure. */
export interface DeliveryDeferred {
  ok: false;
  deferred: true;
  retryAfterMs: number;
}

export type DeliveryResult = { ok: true } | DeliveryFailure | DeliveryDeferred;

/** A CRM destination. `deliver` answers for every delivery of the batch, in order, and never throws. */
export interface Sink {
  readonly name: string;
  readonly type: string;
  /** The kinds of item this sink was configured to receive. */
  readonly kinds: readonly ItemKind[];
  readonly batchSize: number;
  /** Whether the sink can address the item at all (HubSpot needs a contact id); others are not enqueued for it. */
  accepts(item: SyncItem): boolean;
  deliver(batch: readonly Delivery[]): Promise<DeliveryResult[]>;
  /** Milliseconds to send nothing more (the server asked to slow down), or null. */
  holdFor(): number | null;
  close(): Promise<void>;
}
