import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

/** Options every stage receives from `npm run bench -- …` (see run.ts). */
export interface BenchOptions {
  /** Webhook messages to ingest, and the size of the landing data the models and Postgres read. */
  messages: number;
  /** Timed repetitions; each figure is their median. */
  runs: number;
  /** Customers of the weekly-report data set (the target is stated for 100 k). */
  reportCustomers: number;
}

/** One figure: the median of its runs, with the runs themselves and what explains them. */
export interface BenchResult {
  name: string;
  engine: string;
  metric: 'messages_per_second' | 'seconds';
  value: number;
  runs: number[];
  details: Record<string, unknown>;
}

/** Exact median: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure's `value` (the median of its runs) and its `runs`, each rounded the same way. */
export function medianOfRuns(runs: readonly number[], rounded: (value: number) => number): Pick<BenchResult, 'value' | 'runs'> {
  return { value: rounded(median(runs)), runs: runs.map(rounded) };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Times `fn` once in seconds, with what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - started) / 1000, value };
}

/** Peak resident memory of another process (a ClickHouse server), from Linux's VmHWM. */
export function processPeakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round(Number(line[1]) / 1024);
}

/**
 * CPU seconds (user + system) another process (a ClickHouse server, a Postgres backend) has used so
 * far, from /proc/<pid>/stat: its own, and that of its children it has reaped (a postmaster's ended
 * parallel workers), with its parent's pid.
 */
export function processCpu(pid: number): { own: number; reaped: number; parent: number } {
  // Fields after the command name, which is in parentheses and may hold spaces: ppid is the 2nd,
  // utime, stime, cutime and cstime the 12th to 15th, in clock ticks (USER_HZ, 100 on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').map(Number);
  return { own: (fields[11] + fields[12]) / 100, reaped: (fields[13] + fields[14]) / 100, parent: fields[1] };
}

/** Removes a DuckDB database file and its write-ahead log, so the next open starts empty. */
export async function removeDuckDBFile(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}
