import { readFileSync } from 'node:fs';
import { splitScript } from '../src/warehouse/script.js';

/**
 * The statements of bench/<name>.sql (e.g. `sql/flattened-load.duckdb`, `postgres/funnel`) with `{key}` replaced by the given SQL text (literals
 * already quoted, identifiers from the bench's own fixed lists): file paths and table names,
 * which no engine binds as parameters.
 */
export function benchStatements(name: string, values: Record<string, string> = {}): string[] {
  const text = readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8');
  const filled = text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`bench/${name}.sql: no value for {${key}}`);
    return values[key];
  });
  return splitScript(filled);
}
