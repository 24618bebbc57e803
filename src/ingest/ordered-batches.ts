import type { EncodedBatch } from './collector.js';
import type { LandingWriter } from './writer.js';

/**
 * Hands parsed batches to the writer in input order, whichever thread made them and whenever it
 * finishes, across files: parse workers keep busy on the next file while the previous one is still
 * being absorbed, and the first of two duplicates is always the one kept. `push` waits while
 * `limit` batches are queued and the writer is behind, so memory stays bounded.
 */
export class OrderedBatches {
  private tail: Promise<void> = Promise.resolve();
  private readonly queued: Promise<void>[] = [];

  constructor(
    private readonly writer: LandingWriter,
    private readonly absorb: (batch: EncodedBatch) => void,
    private readonly limit: number,
  ) {}

  /** Queues a batch, ready or still being parsed; `failed` gets the error when it cannot be parsed. */
  async push(batch: EncodedBatch | Promise<EncodedBatch>, failed: (error: Error) => void): Promise<void> {
    // A batch may fail while those before it are still parsing: it is marked handled now, and
    // its failure is reported in its turn. The tail only rejects when the writer fails, which ends the run.
    if (batch instanceof Promise) batch.catch(() => undefined);
    this.enqueue(this.tail.then(() => batch).then(this.absorb, failed));
    while (this.queued.length >= this.limit) {
      await this.queued.shift();
      await this.writer.ready();
    }
  }

  /** Runs `then` once every batch queued so far has been absorbed. */
  after(then: () => void): void {
    this.enqueue(this.tail.then(then));
  }

  /** Waits until every queued batch has been absorbed. */
  async drain(): Promise<void> {
    const queued = this.queued.splice(0);
    const results = await Promise.allSettled(queued);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    await this.writer.ready();
  }

  private enqueue(next: Promise<void>): void {
    // Marked handled at once: a failure is reported by `drain` or `push`, not as an unhandled rejection.
    next.catch(() => undefined);
    this.tail = next;
    this.queued.push(next);
  }
}
