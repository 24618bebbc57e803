/** Runs the real CLI (`bin/scrm.js`) in a child process, for tests of commands end to end. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRM = join(process.cwd(), 'bin', 'scrm.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `scrm …args` with the environment extended by `env`, in `cwd`; a failing command resolves with its exit code. */
export async function runScrm(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRM, ...args], { env: { ...process.env, ...env }, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}
