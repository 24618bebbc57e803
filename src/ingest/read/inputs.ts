import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ExpandedInputs {
  /** Files to read, folders expanded recursively, each folder's files in name order. */
  files: { path: string; bytes: number }[];
  /** Inputs that do not exist or cannot be listed. */
  unreadable: { input: string; error: string }[];
}

/** Turns the command line's files and folders into the files to read; hidden files are skipped. */
export async function expandInputs(inputs: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], unreadable: [] };
  for (const input of inputs) {
    try {
      await collect(input, out);
    } catch (error) {
      out.unreadable.push({ input, error: (error as Error).message });
    }
  }
  return out;
}

async function collect(path: string, out: ExpandedInputs): Promise<void> {
  const info = await stat(path);
  if (info.isFile()) {
    out.files.push({ path, bytes: info.size });
    return;
  }
  if (!info.isDirectory()) throw new Error(`${path}: not a file or folder`);
  const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
  for (const name of entries) await collect(join(path, name), out);
}
