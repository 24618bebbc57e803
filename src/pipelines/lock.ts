import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentProcess, processIsGone, type ProcessIdentity } from './process.js';

/** What a lock file holds. */
export interface LockHolder extends ProcessIdentity {
  pipeline: string;
  runId: string;
  /** ISO time the lock was taken. */
  since: string;
}

/** The pipeline is being run by another process (or, with `--wait`, still was when the wait ran out). */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(
    readonly file: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(lockedMessage(file, holder));
  }
}

export interface AcquireOptions {
  /** Wait for the holder to finish: `true` without limit, or at most this many milliseconds. */
  wait?: boolean | number;
  signal?: AbortSignal;
  /** Called once when the lock is held by a live process and we start waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Called when a lock left by a dead process is released. */
  onStale?: (holder: LockHolder) => void;
  pollMs?: number;
}

export interface HeldLock {
  file: string;
  holder: LockHolder;
  /** The lock of a dead process released on the way in, if there was one. */
  released?: LockHolder;
  release(): void;
}

/** A lock file still empty after this long was left by a process that died between creating and writing it. */
const UNWRITTEN_GRACE_MS = 10_000;
/** A stale-lock breaker dies within milliseconds of taking its guard; an older guard is itself stale. */
const BREAK_GUARD_GRACE_MS = 30_000;

/** Locks this process holds, so that its own pid in a lock file is told apart from a reused one. */
const heldHere = new Set<string>();

export function lockFile(locksDir: string, pipeline: string): string {
  return join(locksDir, `${pipeline}.lock`);
}

/**
 * Takes the lock of a pipeline: a file created with O_EXCL holding pid, host and start time. A lock
 * whose process is gone (same host, pid not alive) is released and taken over; a live one makes
 * this call wait or throw `LockedError`.
 */
export async function acquireLock(file: string, claim: { pipeline: string; runId: string }, options: AcquireOptions = {}): Promise<HeldLock> {
  mkdirSync(dirname(file), { recursive: true });
  const holder: LockHolder = { ...currentProcess(), ...claim, since: new Date().toISOString() };
  const deadline = typeof options.wait === 'number' ? Date.now() + options.wait : options.wait ? Infinity : 0;
  let released: LockHolder | undefined;
  let announced = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (tryCreate(file, holder)) {
      heldHere.add(file);
      return { file, holder, released, release: () => releaseLock(file, holder) };
    }
    const current = readHolder(file);
    if (current === 'missing') continue;
    const stale = current === 'unwritten' ? ageMs(file) > UNWRITTEN_GRACE_MS : isStale(file, current);
    if (stale) {
      if (breakStaleLock(file, current)) {
        if (current !== 'unwritten') options.onStale?.(current);
        released = current === 'unwritten' ? released : current;
      } else {
        // Another process is breaking the same lock; give it a moment to finish.
        await sleep(20);
      }
      continue;
    }
    const live = current === 'unwritten' ? undefined : current;
    if (Date.now() >= deadline) throw new LockedError(file, live);
    if (live && !announced) options.onWait?.(live);
    announced = true;
    await sleep(Math.min(options.pollMs ?? 250, Math.max(0, deadline - Date.now())), undefined, { signal: options.signal });
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'missing' | 'unwritten' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    return 'unwritten';
  }
}

function isStale(file: string, holder: LockHolder): boolean {
  if (holder.host === hostname() && holder.pid === process.pid) return !heldHere.has(file);
  return processIsGone(holder);
}

/**
 * Removes a stale lock file unless someone else is doing the same: two processes that both saw the
 * stale lock must not both delete, or the second would delete the lock the first has just taken.
 * A guard file (O_EXCL) elects one breaker, which deletes only if the file still holds the dead holder.
 */
function breakStaleLock(file: string, stale: LockHolder | 'unwritten'): boolean {
  const guard = `${file}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ageMs(guard) > BREAK_GUARD_GRACE_MS) unlinkQuietly(guard);
    return false;
  }
  try {
    const current = readHolder(file);
    const unchanged = current === 'unwritten' || stale === 'unwritten' ? current === stale : current !== 'missing' && sameHolder(current, stale);
    if (unchanged) unlinkQuietly(file);
    return unchanged;
  } finally {
    closeSync(fd);
    unlinkQuietly(guard);
  }
}

function releaseLock(file: string, holder: LockHolder): void {
  heldHere.delete(file);
  const current = readHolder(file);
  if (current !== 'missing' && current !== 'unwritten' && sameHolder(current, holder)) unlinkQuietly(file);
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.runId === b.runId && a.since === b.since;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Who holds a lock, in words: run 20260105T020000Z-a1b2c3 of nightly (pid 4242, since …). */
export function describeHolder(holder: LockHolder): string {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return `run ${holder.runId} of ${holder.pipeline} (${where}, since ${holder.since})`;
}

function lockedMessage(file: string, holder: LockHolder | undefined): string {
  if (!holder) return `another process is taking the lock ${file}; try again`;
  const remote = holder.host === hostname() ? '' : `; if that host is gone, delete ${file}`;
  return `pipeline ${holder.pipeline} is already running: ${describeHolder(holder)}${remote}`;
}
