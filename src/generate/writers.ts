/**
 * Streamed file output with backpressure: lines collect in a small buffer, go to the file stream
 * (optionally through gzip) in chunks, and the generator awaits `settle()` so a slow disk throttles
 * the simulation instead of filling memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';

const CHUNK_CHARS = 1 << 20;

export interface WrittenFile {
  path: string;
  lines: number;
  bytes: number;
}

export class LineWriter {
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly sink: Writable;
  private buffer = '';
  private lines = 0;
  /** Pending while the stream is over its high-water mark (listened for at once, so no drain is missed). */
  private drained: Promise<void> | undefined;

  constructor(
    readonly path: string,
    options: { gzip?: boolean } = {},
  ) {
    this.file = createWriteStream(path);
    this.gzip = options.gzip ? createGzip({ level: 6 }) : undefined;
    if (this.gzip) this.gzip.pipe(this.file);
    this.sink = this.gzip ?? this.file;
  }

  /** Appends one line (the newline is added here). */
  line(text: string): void {
    this.buffer += `${text}\n`;
    this.lines++;
    if (this.buffer.length >= CHUNK_CHARS) this.push();
  }

  /** Waits while the stream is over its high-water mark. */
  async settle(): Promise<void> {
    if (this.drained) await this.drained;
  }

  async close(): Promise<WrittenFile> {
    this.push();
    await this.settle();
    const closed = once(this.file, 'close');
    this.sink.end();
    await closed;
    return { path: this.path, lines: this.lines, bytes: this.file.bytesWritten };
  }

  private push(): void {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.sink.write(chunk) && !this.drained) {
      this.drained = once(this.sink, 'drain').then(() => {
        this.drained = undefined;
      });
    }
  }
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(',');
}
