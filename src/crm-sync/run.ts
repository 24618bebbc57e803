import { randomUUID } from 'node:crypto';
import { ensureAlertsTable } from '../alerts/store.js';
import type { Warehouse } from '../warehouse/types.js';
import { collectItems } from './collect.js';
import type { CrmConfig, ItemKind } from './config.js';
import { deliverSink, type SinkDeliverySummary } from './deliver.js';
import { Outbox, type EnqueueSummary } from './outbox.js';
import { createSinks } from './sinks/index.js';
import type { Sink } from './sinks/types.js';

export interface SyncOptions {
  /** Leave retries that are not due yet to the next run instead of waiting for them. */
  noWait?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface SinkSyncSummary extends SinkDeliverySummary, EnqueueSummary {
  type: string;
}

export interface SyncSummary {
  run_id: string;
  items: Partial<Record<ItemKind, number>>;
  skipped: { kind: ItemKind; reason: string }[];
  sinks: SinkSyncSummary[];
}

const DAY_MS = 86_400_000;

/**
 * Sends churn flags, segment and price tags and alerts to every configured sink: first every
 * changed item is written to the warehouse outbox for every sink (durable before anything is
 * sent), then each sink's open deliveries are sent, retried and logged.
 */
export async function syncCrm(warehouse: Warehouse, config: { crm: CrmConfig }, options: SyncOptions = {}): Promise<SyncSummary> {
  const now = options.now ?? Date.now;
  const runId = randomUUID();
  const sinks = createSinks(config.crm, options.env ?? process.env);
  try {
    await ensureAlertsTable(warehouse);
    const outbox = await Outbox.open(warehouse, runId);
    const wanted = new Set(sinks.flatMap((sink) => sink.kinds));
    const collected = await collectItems(warehouse, { kinds: wanted, alertsSinceMs: now() - config.crm.alert_days * DAY_MS });

    const enqueued = new Map<Sink, EnqueueSummary>();
    for (const sink of sinks) {
      const mine = collected.items.filter((item) => sink.kinds.includes(item.kind));
      enqueued.set(sink, await outbox.enqueue(sink.name, mine, (item) => sink.accepts(item), now()));
    }
    const summaries: SinkSyncSummary[] = [];
    for (const sink of sinks) {
      const delivered = await deliverSink(outbox, sink, { policy: config.crm.retry, waitUpToMs: options.noWait ? 0 : config.crm.wait_up_to, now });
      summaries.push({ ...delivered, ...(enqueued.get(sink) as EnqueueSummary), type: sink.type });
    }
    return { run_id: runId, items: collected.counts, skipped: collected.skipped, sinks: summaries };
  } finally {
    for (const sink of sinks) await sink.close();
  }
}
