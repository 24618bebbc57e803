import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Identifies a process beyond its pid, which the kernel reuses. */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Start time in clock ticks since boot (Linux `/proc/<pid>/stat`); absent where there is no /proc. */
  procStart?: string;
}

export function currentProcess(): ProcessIdentity {
  const procStart = procStat(process.pid)?.start;
  return { pid: process.pid, host: hostname(), ...(procStart ? { procStart } : {}) };
}

/**
 * Whether the process is certainly gone: same host, and its pid is free, a zombie, or now belongs
 * to a process started at another time. A process on another host is never declared gone.
 */
export function processIsGone(identity: ProcessIdentity): boolean {
  if (identity.host !== hostname()) return false;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return true;
  }
  const stat = procStat(identity.pid);
  if (!stat) return false;
  if (stat.state === 'Z' || stat.state === 'X') return true;
  return identity.procStart !== undefined && stat.start !== identity.procStart;
}

function procStat(pid: number): { state: string; start: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the parenthesised command name (which may itself contain spaces and parentheses):
  // state is field 3 and starttime field 22 of proc(5).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], start: fields[19] };
}
