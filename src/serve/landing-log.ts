/**
 * Append-only NDJSON landing logs, one file per UTC day (`<kind>-YYYYMMDD.ndjson`). `append`
 * resolves only once the line is on disk (written and fsynced), so a 200 answered after it means
 * the record survives a crash. Concurrent appends are group-committed: whatever queued up while one
 * fsync ran goes out in the next single write + fsync.
 *
 * One process writes a landing directory; readers (`scrm ingest`) only ever see complete lines
 * or a final partial one, which they leave for the next run.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { landingLogName, type LandingLogKind } from '../ingest/landing-log/names.js';

interface Pending {
  data: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One open file: a queue drained by single write + fsync rounds. */
class DurableFile {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    /** Bytes known to be complete on disk: a failed write is cut back to here. */
    private size: number,
  ) {}

  static async open(path: string): Promise<DurableFile> {
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    return new DurableFile(handle, size);
  }

  append(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const data = Buffer.concat(batch.map((pending) => pending.data));
      try {
        await this.handle.appendFile(data);
        await this.handle.sync();
        this.size += data.length;
        for (const pending of batch) pending.resolve();
      } catch (error) {
        // A torn line would glue itself to the next good one: cut the file back to its last good end.
        await this.handle.truncate(this.size).catch(() => undefined);
        for (const pending of batch) pending.reject(error as Error);
      }
    }
  }

  async close(): Promise<void> {
    while (this.draining) await this.draining;
    await this.handle.close();
  }
}

/** `YYYYMMDD` of a UTC instant. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

export class DailyLandingLog {
  /** Open files by day: today's and yesterday's (a request stamped just before midnight may still be writing). */
  private readonly files = new Map<string, Promise<DurableFile>>();

  constructor(
    private readonly dir: string,
    private readonly kind: LandingLogKind,
  ) {}

  pathFor(day: string): string {
    return join(this.dir, landingLogName(this.kind, day));
  }

  /** Appends one line (a newline is added) and resolves once it is durable. */
  async append(line: string, at: Date = new Date()): Promise<void> {
    if (line.includes('\n')) throw new Error('a landing line must not contain a newline');
    const file = await this.fileFor(utcDay(at));
    await file.append(Buffer.from(`${line}\n`, 'utf8'));
  }

  private fileFor(day: string): Promise<DurableFile> {
    const known = this.files.get(day);
    if (known) return known;
    const file = this.openDay(day);
    this.files.set(day, file);
    // A failed open (a full disk, a permission) is retried by the next append rather than remembered.
    file.catch(() => this.files.get(day) === file && this.files.delete(day));
    const older = [...this.files.keys()].sort().slice(0, -2).filter((stale) => stale !== day);
    for (const stale of older) {
      const closing = this.files.get(stale)!;
      this.files.delete(stale);
      void closing.then((done) => done.close()).catch(() => undefined);
    }
    return file;
  }

  private async openDay(day: string): Promise<DurableFile> {
    await mkdir(this.dir, { recursive: true });
    const file = await DurableFile.open(this.pathFor(day));
    // The new file's directory entry must be durable too, or a crash could lose the whole file.
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return file;
  }

  async close(): Promise<void> {
    const files = [...this.files.values()];
    this.files.clear();
    await Promise.all(files.map(async (file) => (await file.catch(() => null))?.close()));
  }
}
