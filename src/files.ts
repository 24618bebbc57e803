import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { projectPath } from './paths.js';
import type { EngineName } from './warehouse/types.js';

/**
 * Resolves a configured file: an absolute path as given, else relative to the working directory
 * when it exists there, else relative to the project, so shipped defaults work from any directory.
 */
export function resolveConfiguredFile(path: string): string {
  if (isAbsolute(path)) return path;
  const local = resolve(path);
  return existsSync(local) ? local : projectPath(path);
}

/** The query file `<name>.<engine>.sql` where the dialects differ, else `<name>.sql`, in a project folder. */
export function engineSqlCandidates(folder: string, name: string, engine: EngineName): string[] {
  return [projectPath(folder, `${name}.${engine}.sql`), projectPath(folder, `${name}.sql`)];
}

export function engineSqlFile(folder: string, name: string, engine: EngineName): string {
  const candidates = engineSqlCandidates(folder, name, engine);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no query file for ${name}; expected one of ${candidates.join(', ')}`);
  return found;
}
