import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { projectPath } from './paths.js';

/**
 * Resolves a configured file: an absolute path as given, else relative to the working directory
 * when it exists there, else relative to the project, so shipped defaults work from any directory.
 */
export function resolveConfiguredFile(path: string): string {
  if (isAbsolute(path)) return path;
  const local = resolve(path);
  return existsSync(local) ? local : projectPath(path);
}
