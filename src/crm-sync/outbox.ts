import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ItemKind } from './config.js';
import { canonicalJson, isNeutral, sha256, type SyncItem } from './items.js';

export type Outcome = 'sending' | 'delivered' | 'retry' | 'deferred' | 'dead' | 'interrupted' | 'superseded';

/** One row of crm_outbox_attempts. */
export interface AttemptRecord {
  delivery_id: string;
  attempt: number;
  outcome: Outcome;
  error_code: string | null;
  error: string | null;
  next_attempt_at_ms: number | null;
  attempted_at_ms: number;
  duration_ms: number | null;
}

/** A delivery not yet delivered, dead or superseded, with its retry state. */
export interface OpenDelivery {
  delivery_id: string;
  kind: ItemKind;
  item_key: string;
  content_hash: string;
  /** The canonical JSON fixed at enqueue time: every attempt sends exactly these bytes. */
  payload: string;
  enqueued_at_ms: number;
  /** The highest attempt number so far (0: never tried). */
  attempts: number;
  /** Failed attempts so far (retry or interrupted), which the retry budget counts. */
  failures: number;
  /** Not to be tried before this time. */
  due_at_ms: number;
  /** Attempts that logged 'sending' and nothing after: the process died during them. */
  unfinished: number[];
}

export interface EnqueueSummary {
  enqueued: number;
  unchanged: number;
  /** Items with nothing to tell a CRM that never heard of the customer (see isNeutral). */
  neutral: number;
  /** Items the sink cannot address (a HubSpot contact without a record id). */
  not_addressable: number;
}

function query(name: string): string {
  return readFileSync(projectPath('sql', 'crm-sync', 'outbox', `${name}.sql`), 'utf8');
}

/**
 * The persistent outbox in the warehouse: append-only tables (crm_outbox, crm_outbox_attempts),
 * so it works the same on DuckDB and ClickHouse, survives a crash of this process (each insert is
 * atomic and durable before the next step), and keeps every attempt for analysts to query.
 */
export class Outbox {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly runId: string,
  ) {}

  static async open(warehouse: Warehouse, runId: string): Promise<Outbox> {
    await warehouse.execScript(readFileSync(projectPath('sql', warehouse.engine, 'crm_outbox.sql'), 'utf8'));
    return new Outbox(warehouse, runId);
  }

  /**
   * Enqueues, for one sink, every item whose content differs from what that sink was last given.
   * The delivery id chains to the previous delivery of the same kind and key, so content that
   * changes back to an earlier state is a new delivery, while re-running after a crash enqueues
   * nothing twice.
   */
  async enqueue(sink: string, items: readonly SyncItem[], accepts: (item: SyncItem) => boolean, nowMs: number): Promise<EnqueueSummary> {
    const latest = new Map<string, { delivery_id: string; content_hash: string }>();
    for (const row of await this.warehouse.query<{ kind: string; item_key: string; delivery_id: string; content_hash: string }>(query('latest'), { sink })) {
      latest.set(`${row.kind}\u0000${row.item_key}`, row);
    }
    const summary: EnqueueSummary = { enqueued: 0, unchanged: 0, neutral: 0, not_addressable: 0 };
    const rows: Record<string, unknown>[] = [];
    for (const item of items) {
      const payload = canonicalJson(item.payload);
      const contentHash = sha256(payload);
      const previous = latest.get(`${item.kind}\u0000${item.key}`);
      if (previous?.content_hash === contentHash) summary.unchanged += 1;
      else if (!previous && isNeutral(item)) summary.neutral += 1;
      else if (!accepts(item)) summary.not_addressable += 1;
      else {
        const previousId = previous?.delivery_id ?? null;
        rows.push({
          delivery_id: sha256(JSON.stringify([sink, item.kind, item.key, contentHash, previousId])).slice(0, 32),
          sink,
          kind: item.kind,
          item_key: item.key,
          previous_delivery_id: previousId,
          content_hash: contentHash,
          payload,
          enqueued_at_ms: nowMs,
          enqueued_at: nowMs,
          run_id: this.runId,
        });
      }
    }
    summary.enqueued = await this.warehouse.insert('crm_outbox', rows);
    return summary;
  }

  /** A sink's open deliveries, oldest first, with their attempts folded into retry state. */
  async openDeliveries(sink: string): Promise<OpenDelivery[]> {
    const attempts = await this.warehouse.query<{ delivery_id: string; attempt: number; outcome: Outcome; next_attempt_at_ms: number | null }>(
      query('open_attempts'),
      { sink },
    );
    const byDelivery = new Map<string, typeof attempts>();
    for (const row of attempts) byDelivery.set(row.delivery_id, [...(byDelivery.get(row.delivery_id) ?? []), row]);

    const seen = new Set<string>();
    const open: OpenDelivery[] = [];
    const rows = await this.warehouse.query<Omit<OpenDelivery, 'attempts' | 'failures' | 'due_at_ms' | 'unfinished'>>(query('open_deliveries'), { sink });
    for (const row of rows) {
      // A ClickHouse ReplacingMergeTree may still hold a twin row before its merge.
      if (seen.has(row.delivery_id)) continue;
      seen.add(row.delivery_id);
      const history = byDelivery.get(row.delivery_id) ?? [];
      const closed = new Set(history.filter((a) => a.outcome !== 'sending').map((a) => a.attempt));
      const failed = history.filter((a) => a.outcome === 'retry' || a.outcome === 'interrupted');
      open.push({
        ...row,
        attempts: Math.max(0, ...history.map((a) => a.attempt)),
        failures: failed.length,
        due_at_ms: latestClosing(history)?.next_attempt_at_ms ?? 0,
        unfinished: history.filter((a) => a.outcome === 'sending' && !closed.has(a.attempt)).map((a) => a.attempt),
      });
    }
    return open;
  }

  async record(sink: string, records: readonly AttemptRecord[]): Promise<void> {
    await this.warehouse.insert(
      'crm_outbox_attempts',
      records.map((r) => ({ ...r, sink, attempted_at: r.attempted_at_ms, run_id: this.runId })),
    );
  }
}

/** The last attempt that ended (not 'sending'): its next_attempt_at_ms says when the delivery is due. */
function latestClosing<A extends { attempt: number; outcome: Outcome }>(history: readonly A[]): A | undefined {
  return history.filter((a) => a.outcome !== 'sending').reduce<A | undefined>((last, a) => (!last || a.attempt > last.attempt ? a : last), undefined);
}
