import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockedError, lockFile, type LockHolder } from '../../src/pipelines/lock.js';
import { currentProcess } from '../../src/pipelines/process.js';
import { Workspace } from './helpers.js';

/** A pid that belonged to a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function plant(file: string, holder: Partial<LockHolder>): LockHolder {
  const full: LockHolder = { pid: process.pid, host: hostname(), pipeline: 'p', runId: 'planted', since: new Date(0).toISOString(), ...holder };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(full));
  return full;
}

describe('pipeline lock', () => {
  const workspace = new Workspace();
  const file = (name: string) => lockFile(workspace.locksDir, name);

  it('is an exclusive file holding pid, host and start time, removed on release', async () => {
    const lock = await acquireLock(file('a'), { pipeline: 'a', runId: 'r1' });
    expect(JSON.parse(readFileSync(file('a'), 'utf8'))).toEqual({ ...currentProcess(), pipeline: 'a', runId: 'r1', since: lock.holder.since });
    await expect(acquireLock(file('a'), { pipeline: 'a', runId: 'r2' })).rejects.toThrow(LockedError);
    lock.release();
    expect(existsSync(file('a'))).toBe(false);
  });

  it('releases the lock of a dead process and reports it', async () => {
    const stale = plant(file('dead'), { pid: deadPid(), runId: 'crashed' });
    const reported: LockHolder[] = [];
    const lock = await acquireLock(file('dead'), { pipeline: 'dead', runId: 'next' }, { onStale: (holder) => reported.push(holder) });
    expect(lock.released).toEqual(stale);
    expect(reported).toEqual([stale]);
    expect(JSON.parse(readFileSync(file('dead'), 'utf8')).runId).toBe('next');
    lock.release();
  });

  it('tells a reused pid from its first owner by the process start time', async () => {
    // The parent of this test is alive, but it is not the process that took this lock.
    plant(file('reused'), { pid: process.ppid, procStart: '1' });
    const lock = await acquireLock(file('reused'), { pipeline: 'reused', runId: 'next' });
    expect(lock.released?.pid).toBe(process.ppid);
    lock.release();
    // With the right start time the same pid is a live holder.
    plant(file('live'), { pid: process.ppid, procStart: currentProcessStart(process.ppid) });
    await expect(acquireLock(file('live'), { pipeline: 'live', runId: 'next' })).rejects.toThrow(LockedError);
  });

  it('never declares a holder on another host dead, and says how to clear it', async () => {
    plant(file('remote'), { pid: deadPid(), host: 'elsewhere.example', pipeline: 'remote' });
    await expect(acquireLock(file('remote'), { pipeline: 'remote', runId: 'x' })).rejects.toThrow(
      /pipeline remote is already running: run planted of remote \(pid \d+ on elsewhere\.example, since 1970-01-01T00:00:00\.000Z\); if that host is gone, delete .*remote\.lock$/,
    );
  });

  it('waits for a live holder to go, and gives up after the wait it was given', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
    plant(file('waited'), { pid: sleeper.pid!, procStart: undefined });
    await expect(acquireLock(file('waited'), { pipeline: 'waited', runId: 'x' }, { wait: 200 })).rejects.toThrow(LockedError);
    const waits: LockHolder[] = [];
    const lock = await acquireLock(file('waited'), { pipeline: 'waited', runId: 'x' }, { wait: true, onWait: (holder) => waits.push(holder) });
    expect(waits.map((holder) => holder.pid)).toEqual([sleeper.pid]);
    expect(lock.released?.pid).toBe(sleeper.pid);
    lock.release();
  });

  it('leaves a stale lock to the one process already breaking it', async () => {
    plant(file('raced'), { pid: deadPid() });
    const guard = `${file('raced')}.break`;
    writeFileSync(guard, '');
    let taken = false;
    const acquiring = acquireLock(file('raced'), { pipeline: 'raced', runId: 'x' }, { wait: true }).then((lock) => {
      taken = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(taken).toBe(false);
    // The other breaker finishes: the guard goes, and the stale lock can be broken.
    unlinkSync(guard);
    (await acquiring).release();
    expect(taken).toBe(true);
  });

  it('breaks a lock file left empty by a process that died between creating and writing it', async () => {
    mkdirSync(workspace.locksDir, { recursive: true });
    writeFileSync(file('empty'), '');
    await expect(acquireLock(file('empty'), { pipeline: 'empty', runId: 'x' })).rejects.toThrow('another process is taking the lock');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file('empty'), old, old);
    (await acquireLock(file('empty'), { pipeline: 'empty', runId: 'x' })).release();
  });
});

function currentProcessStart(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}
