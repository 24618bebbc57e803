import { Worker } from 'node:worker_threads';
import type { EncodedBatch, LandingEncodings } from '../collector.js';
import type { LineBlock } from '../read/lines.js';
import type { IngestContext, LineSource } from '../source.js';
import type { BlockRequest, BlockResponse, WorkerInit } from './messages.js';

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);
/**
 * Run from TypeScript sources (tsx, vitest), a worker first registers tsx's loader to import `.ts`
 * files. tsx is named by its resolved URL: an eval'd worker resolves bare names from the working
 * directory, which need not hold this project's node_modules.
 */
const TSX_API = import.meta.resolve('tsx/esm/api');
const TS_BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;

/**
 * Parse workers for a line source: blocks go out round-robin and come back as encoded rows, while
 * the main thread reads the file and the warehouse loads the previous batch. Results are handed
 * back in submission order so the first of two duplicates is always the one kept.
 */
export class ParsePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (batch: EncodedBatch) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  /** Set when a worker dies: every request after that fails at once instead of waiting forever. */
  private failure: Error | null = null;

  constructor(size: number, source: LineSource, context: IngestContext, encodings: LandingEncodings) {
    const init: WorkerInit = { module: source.module, rejectSource: source.rejectSource, context, encodings };
    this.workers = Array.from({ length: size }, () => {
      const worker = FROM_SOURCES ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: init }) : new Worker(WORKER_URL, { workerData: init });
      worker.on('message', (response: BlockResponse) => this.settle(response));
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`parse worker exited with code ${code}`));
      });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  parse(file: string, block: LineBlock): Promise<EncodedBatch> {
    const id = this.nextId++;
    // The block's bytes are usually a view on the read stream's chunk: the worker gets its own copy,
    // transferred, so nothing else is cloned (`set` is a memcpy; decoding stays in the worker).
    const bytes = new Uint8Array(block.bytes.byteLength);
    bytes.set(block.bytes);
    const request: BlockRequest = { id, file, block: { ...block, bytes } };
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length].postMessage(request, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('parse pool closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(response: BlockResponse): void {
    const waiter = this.waiting.get(response.id);
    if (!waiter) return;
    this.waiting.delete(response.id);
    if (response.error !== undefined) waiter.reject(new Error(`parse worker failed: ${response.error}`));
    else waiter.resolve(response.batch);
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
