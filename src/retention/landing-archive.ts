/**
 * Rotated landing logs go to the archive, gzip-compressed: `scrm serve` starts a new log every UTC
 * day, and once a day is closed and every byte of its log has been loaded (the ingest checkpoint
 * says so) the log is compressed into `serve.archive_dir` and removed from the landing folder. A
 * log not fully loaded stays where it is, so nothing is archived before it is in the warehouse.
 * Archived logs older than the retention window are deleted: they hold customers' phone numbers.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { landingSlice } from '../ingest/landing-log/checkpoint.js';
import { parseLandingLogName } from '../ingest/landing-log/names.js';
import type { IngestState } from '../ingest/source.js';
import type { Config } from '../config/schema.js';

const DAY_MS = 86_400_000;

export interface ArchiveOptions {
  landingDir: string;
  archiveDir: string;
  retentionDays: number;
  /** The clock, for tests; defaults to now. */
  nowMs?: number;
}

export interface ArchivedLog {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ArchiveSummary {
  archived: ArchivedLog[];
  /** Closed logs left in place because the ingest has not loaded all of them yet. */
  notYetLoaded: string[];
  /** Archived logs deleted for being older than the retention window. */
  expired: string[];
  bytes: number;
  gzipBytes: number;
  /** Uncompressed bytes per compressed byte over the logs archived in this run (null when none). */
  compressionRatio: number | null;
}

/** The configured folders and window. */
export function archiveOptions(config: Config): ArchiveOptions {
  return { landingDir: config.serve.landing_dir, archiveDir: config.serve.archive_dir, retentionDays: config.retention_days };
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

export async function archiveLandingLogs(state: IngestState, options: ArchiveOptions): Promise<ArchiveSummary> {
  const nowMs = options.nowMs ?? Date.now();
  // `scrm serve` may still append to yesterday's log (a request stamped just before midnight).
  const firstOpenDay = utcDay(nowMs - DAY_MS);
  const summary: ArchiveSummary = { archived: [], notYetLoaded: [], expired: [], bytes: 0, gzipBytes: 0, compressionRatio: null };
  await mkdir(options.archiveDir, { recursive: true });

  for (const name of await logsIn(options.landingDir)) {
    const log = parseLandingLogName(name);
    if (!log || log.compressed || log.day >= firstOpenDay) continue;
    const file = join(options.landingDir, name);
    const { size } = await stat(file);
    if ((await landingSlice(file, state)).start !== size) {
      summary.notYetLoaded.push(file);
      continue;
    }
    const archived = await compress(file, size, join(options.archiveDir, `${name}.gz`));
    summary.archived.push(archived);
    summary.bytes += archived.bytes;
    summary.gzipBytes += archived.gzipBytes;
  }
  if (summary.gzipBytes > 0) summary.compressionRatio = summary.bytes / summary.gzipBytes;

  const expiredBefore = utcDay(nowMs - options.retentionDays * DAY_MS);
  for (const name of await logsIn(options.archiveDir)) {
    const log = parseLandingLogName(name);
    if (!log?.compressed || log.day >= expiredBefore) continue;
    await unlink(join(options.archiveDir, name));
    summary.expired.push(join(options.archiveDir, name));
  }
  return summary;
}

async function logsIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Writes `target` under a temporary name, checks that it decompresses to the same bytes, makes it
 * durable, and only then renames it into place and removes the original: a crash at any point
 * leaves the log readable in one of the two places.
 */
async function compress(file: string, bytes: number, target: string): Promise<ArchivedLog> {
  const temporary = `${target}.tmp`;
  const original = createHash('sha256');
  const source = createReadStream(file);
  source.on('data', (chunk) => original.update(chunk));
  await pipeline(source, createGzip({ level: 9 }), createWriteStream(temporary));

  const restored = createHash('sha256');
  await pipeline(createReadStream(temporary), createGunzip(), async function* (chunks) {
    for await (const chunk of chunks) restored.update(chunk as Buffer);
  });
  if (restored.digest('hex') !== original.digest('hex')) {
    await unlink(temporary);
    throw new Error(`${file}: the compressed copy does not read back to the same bytes; the log was left in place`);
  }
  await fsync(temporary);
  await rename(temporary, target);
  await fsync(join(target, '..'));
  const { size: gzipBytes } = await stat(target);
  await unlink(file);
  return { file: target, bytes, gzipBytes };
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
