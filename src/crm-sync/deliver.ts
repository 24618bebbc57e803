import type { RetryPolicy } from './config.js';
import type { AttemptRecord, OpenDelivery, Outbox } from './outbox.js';
import { nextStep } from './retry.js';
import type { Delivery, DeliveryResult, Sink } from './sinks/types.js';

export interface DeliveryOptions {
  policy: RetryPolicy;
  /** The longest this run sleeps for retries to fall due; later ones are left to the next run. */
  waitUpToMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SinkDeliverySummary {
  sink: string;
  attempts: number;
  delivered: number;
  dead: number;
  superseded: number;
  interrupted: number;
  /** Held back after a server asked to slow down (not failures). */
  deferred: number;
  /** Still open when the run ended (a retry due later than the run may wait). */
  pending: number;
  /** Error codes of failed attempts, with counts. */
  errors: Record<string, number>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Works through a sink's open deliveries until none is due: closes attempts a crash cut short,
 * drops deliveries a newer one for the same item replaced, then sends due deliveries in batches,
 * logging each attempt before ('sending') and after (its outcome and error code).
 */
export async function deliverSink(outbox: Outbox, sink: Sink, options: DeliveryOptions): Promise<SinkDeliverySummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const deadline = now() + options.waitUpToMs;
  const summary: SinkDeliverySummary = { sink: sink.name, attempts: 0, delivered: 0, dead: 0, superseded: 0, interrupted: 0, deferred: 0, pending: 0, errors: {} };

  let open = await tidy(outbox, sink.name, await outbox.openDeliveries(sink.name), now(), summary);
  for (;;) {
    const hold = sink.holdFor() ?? 0;
    const due = hold ? [] : open.filter((d) => d.due_at_ms <= now());
    if (due.length === 0) {
      if (open.length === 0) break;
      const wait = Math.max(hold, Math.min(...open.map((d) => d.due_at_ms)) - now());
      if (now() + wait > deadline) break;
      await sleep(wait);
      open = await outbox.openDeliveries(sink.name);
      continue;
    }
    for (let start = 0; start < due.length && sink.holdFor() === null; start += sink.batchSize) {
      await sendBatch(outbox, sink, due.slice(start, start + sink.batchSize), options.policy, now, summary);
    }
    open = await outbox.openDeliveries(sink.name);
  }
  summary.pending = open.length;
  return summary;
}

/** Logs attempts that a crash cut short, and supersedes all but the newest open delivery of each item. */
async function tidy(outbox: Outbox, sink: string, open: OpenDelivery[], at: number, summary: SinkDeliverySummary): Promise<OpenDelivery[]> {
  const records: AttemptRecord[] = [];
  const newest = new Map<string, OpenDelivery>();
  for (const delivery of open) newest.set(`${delivery.kind}\u0000${delivery.item_key}`, delivery); // open is oldest first
  for (const delivery of open) {
    for (const attempt of delivery.unfinished) {
      records.push(record(delivery.delivery_id, attempt, 'interrupted', at, { code: 'interrupted', message: 'the process stopped during this attempt' }));
      summary.interrupted += 1;
    }
    if (newest.get(`${delivery.kind}\u0000${delivery.item_key}`) !== delivery) {
      records.push(record(delivery.delivery_id, delivery.attempts + 1, 'superseded', at));
      summary.superseded += 1;
    }
  }
  if (records.length === 0) return open;
  await outbox.record(sink, records);
  return outbox.openDeliveries(sink);
}

async function sendBatch(outbox: Outbox, sink: Sink, batch: OpenDelivery[], policy: RetryPolicy, now: () => number, summary: SinkDeliverySummary): Promise<void> {
  const started = now();
  await outbox.record(
    sink.name,
    batch.map((d) => record(d.delivery_id, d.attempts + 1, 'sending', started)),
  );
  const results = await sink.deliver(batch.map(toDelivery));
  const finished = now();
  summary.attempts += batch.length;
  await outbox.record(
    sink.name,
    batch.map((delivery, i) => outcomeRecord(delivery, results[i], policy, finished, finished - started, summary)),
  );
}

function outcomeRecord(delivery: OpenDelivery, result: DeliveryResult, policy: RetryPolicy, at: number, duration: number, summary: SinkDeliverySummary): AttemptRecord {
  const attempt = delivery.attempts + 1;
  if (result.ok) {
    summary.delivered += 1;
    return { ...record(delivery.delivery_id, attempt, 'delivered', at), duration_ms: duration };
  }
  if (result.deferred) {
    summary.deferred += 1;
    return { ...record(delivery.delivery_id, attempt, 'deferred', at), next_attempt_at_ms: at + result.retryAfterMs };
  }
  summary.errors[result.code] = (summary.errors[result.code] ?? 0) + 1;
  const step = nextStep(policy, delivery.failures + 1, result);
  if (!step.retry) summary.dead += 1;
  return {
    ...record(delivery.delivery_id, attempt, step.retry ? 'retry' : 'dead', at, result),
    next_attempt_at_ms: step.retry ? at + step.delayMs : null,
    duration_ms: duration,
  };
}

function record(deliveryId: string, attempt: number, outcome: AttemptRecord['outcome'], at: number, error?: { code: string; message: string }): AttemptRecord {
  return {
    delivery_id: deliveryId,
    attempt,
    outcome,
    error_code: error?.code ?? null,
    error: error?.message ?? null,
    next_attempt_at_ms: outcome === 'interrupted' ? at : null,
    attempted_at_ms: at,
    duration_ms: null,
  };
}

function toDelivery(open: OpenDelivery): Delivery {
  return {
    delivery_id: open.delivery_id,
    kind: open.kind,
    key: open.item_key,
    content_hash: open.content_hash,
    payload: open.payload,
    data: JSON.parse(open.payload) as Delivery['data'],
  };
}
