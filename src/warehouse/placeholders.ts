import type { Params, SqlValue } from './types.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Rewrites `{name}` placeholders with whatever the engine needs at that spot (a `$name` bind
 * marker, or a literal escaped by the driver). Names not in `params` are left alone so that
 * SQL containing braces for other reasons is untouched; a missing parameter is an error.
 */
export function rewritePlaceholders(sql: string, params: Params, render: (name: string, value: SqlValue) => string): string {
  const used = new Set<string>();
  const out = sql.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in params)) return whole;
    used.add(name);
    return render(name, params[name]);
  });
  for (const name of Object.keys(params)) {
    if (!used.has(name)) throw new Error(`parameter {${name}} is not used in the query`);
  }
  return out;
}
