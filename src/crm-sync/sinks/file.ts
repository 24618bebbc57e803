import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileSinkConfig, ItemKind } from '../config.js';
import { envelope } from './envelope.js';
import { sinkIdentity } from './identity.js';
import type { Delivery, DeliveryResult, Sink } from './types.js';

/**
 * The local outbox when no CRM is configured: one NDJSON line per delivery, appended and fsynced.
 * Delivery ids already in the file are skipped, and a line torn by a crash is cut off on open, so
 * the file holds each delivery exactly once whatever happens to the process.
 */
export class FileSink implements Sink {
  readonly type = 'file';
  readonly batchSize = 500;
  readonly name: string;
  readonly kinds: readonly ItemKind[];
  readonly path: string;
  private written: Set<string> | null = null;

  constructor(config: FileSinkConfig) {
    ({ name: this.name, kinds: this.kinds } = sinkIdentity(config));
    this.path = resolve(config.path);
  }

  accepts(): boolean {
    return true;
  }

  holdFor(): null {
    return null;
  }

  async deliver(batch: readonly Delivery[]): Promise<DeliveryResult[]> {
    let fd: number | undefined;
    try {
      const written = this.open();
      fd = openSync(this.path, 'a');
      const lines = batch.filter((d) => !written.has(d.delivery_id)).map((d) => `${envelope(d)}\n`);
      if (lines.length) writeSync(fd, lines.join(''));
      fsyncSync(fd);
      for (const delivery of batch) written.add(delivery.delivery_id);
      return batch.map(() => ({ ok: true }));
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? 'error');
      return batch.map(() => ({ ok: false, code, message: `${this.path}: ${(error as Error).message}`, retryable: true }));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  async close(): Promise<void> {}

  /** Reads the ids already written, cutting off a last line left without its newline. */
  private open(): Set<string> {
    if (this.written) return this.written;
    mkdirSync(dirname(this.path), { recursive: true });
    const written = new Set<string>();
    if (existsSync(this.path)) {
      const text = readFileSync(this.path, 'utf8');
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < text.length) {
        const fd = openSync(this.path, 'r+');
        ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
        fsyncSync(fd);
        closeSync(fd);
      }
      for (const line of text.slice(0, complete).split('\n')) {
        if (line) written.add((JSON.parse(line) as { delivery_id: string }).delivery_id);
      }
    }
    this.written = written;
    return written;
  }
}

