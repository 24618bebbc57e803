import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isForSource } from '../landing-log/names.js';

export interface ExpandedInputs {
  /** Files to read, folders expanded recursively, each folder's files in name order. */
  files: { path: string; bytes: number }[];
  /** Inputs that do not exist or cannot be listed. */
  unreadable: { input: string; error: string }[];
}

/**
 * Turns the command line's files and folders into the files `source` reads; hidden files are
 * skipped, and so are the landing logs of another source found in a folder (`data/landing/` holds
 * webhook and click logs side by side). A file named on the command line is read as asked.
 */
export async function expandInputs(inputs: readonly string[], source: string): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], unreadable: [] };
  for (const input of inputs) {
    try {
      await collect(input, source, true, out);
    } catch (error) {
      out.unreadable.push({ input, error: (error as Error).message });
    }
  }
  return out;
}

async function collect(path: string, source: string, named: boolean, out: ExpandedInputs): Promise<void> {
  const info = await stat(path);
  if (info.isFile()) {
    if (named || isForSource(path, source)) out.files.push({ path, bytes: info.size });
    return;
  }
  if (!info.isDirectory()) throw new Error(`${path}: not a file or folder`);
  const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
  for (const name of entries) await collect(join(path, name), source, false, out);
}
