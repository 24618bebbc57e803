/**
 * The data set's files and how a simulated day is written to them: webhook bodies batched the way
 * the Cloud API batches them (several messages or statuses a request), one NDJSON file per local
 * day; the send log, clicks and orders appended in time order; the tracked-link registry streamed
 * as one JSON object.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { QueuedEvent } from './events.js';
import { ORDER_COLUMNS, webhookBody, type BusinessNumber } from './payloads.js';
import { LineWriter, type WrittenFile } from './writers.js';

/** Items a webhook request holds at most, and how close in time they must arrive to share one. */
const BATCH_ITEMS = 8;
const BATCH_WINDOW_MS = 2000;

export const FILES = {
  webhooks: 'webhooks',
  sendLog: 'send-log.ndjson',
  clicks: 'clicks.ndjson',
  orders: 'orders.csv',
  crm: 'crm-contacts.csv',
  exports: 'exports',
  trackedLinks: 'tracked-links.json',
  groundTruth: 'ground-truth.json',
} as const;

interface Batch {
  kind: 'messages' | 'statuses';
  firstAt: number;
  items: string[];
  contacts: Map<string, string>;
}

export class DatasetOutput {
  private readonly sendLog: LineWriter;
  private readonly clicks: LineWriter;
  private readonly orders: LineWriter;
  private readonly links: LineWriter;
  private pendingLink: string | undefined;
  private readonly written: WrittenFile[] = [];
  webhookBodies = 0;

  constructor(
    private readonly dir: string,
    private readonly number: BusinessNumber,
    private readonly gzip: boolean,
  ) {
    mkdirSync(join(dir, FILES.webhooks), { recursive: true });
    this.sendLog = new LineWriter(join(dir, FILES.sendLog));
    this.clicks = new LineWriter(join(dir, FILES.clicks));
    this.orders = new LineWriter(join(dir, FILES.orders));
    this.orders.line(ORDER_COLUMNS.join(','));
    this.links = new LineWriter(join(dir, FILES.trackedLinks));
    this.links.line('{');
  }

  /** Registers a tracked link: token → landing URL and the message that carries it. */
  trackedLink(token: string, url: string, messageId: string): void {
    if (this.pendingLink !== undefined) this.links.line(`${this.pendingLink},`);
    this.pendingLink = `${JSON.stringify(token)}:${JSON.stringify({ url, message_id: messageId })}`;
  }

  /** Writes one local day's events, already in time order. */
  async writeDay(date: string, events: readonly QueuedEvent[]): Promise<void> {
    let webhooks: LineWriter | undefined;
    let batch: Batch | undefined;
    const flushBatch = () => {
      if (!batch) return;
      webhooks ??= new LineWriter(join(this.dir, FILES.webhooks, `${date}.ndjson${this.gzip ? '.gz' : ''}`), { gzip: this.gzip });
      webhooks.line(webhookBody(this.number, batch.kind, batch.items, [...batch.contacts.values()]));
      this.webhookBodies++;
      batch = undefined;
    };
    for (const event of events) {
      if (event.kind === 'send') this.sendLog.line(event.line);
      else if (event.kind === 'click') this.clicks.line(event.line);
      else if (event.kind === 'order') this.orders.line(event.line);
      else {
        const kind = event.kind === 'message' ? 'messages' : 'statuses';
        if (!batch || batch.kind !== kind || batch.items.length >= BATCH_ITEMS || event.at - batch.firstAt > BATCH_WINDOW_MS) {
          flushBatch();
          batch = { kind, firstAt: event.at, items: [], contacts: new Map() };
        }
        batch.items.push(event.item);
        if (event.kind === 'message') batch.contacts.set(event.contact, event.contact);
      }
    }
    flushBatch();
    if (webhooks) this.written.push(await webhooks.close());
    await Promise.all([this.sendLog.settle(), this.clicks.settle(), this.orders.settle(), this.links.settle()]);
  }

  async close(): Promise<WrittenFile[]> {
    if (this.pendingLink !== undefined) this.links.line(this.pendingLink);
    this.links.line('}');
    for (const writer of [this.sendLog, this.clicks, this.orders, this.links]) this.written.push(await writer.close());
    return this.written;
  }
}
