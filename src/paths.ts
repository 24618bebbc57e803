import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project root, so `sql/`, `models/` and `reports/` resolve wherever the CLI is started from. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
