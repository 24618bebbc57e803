const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Table and column names are never bound by drivers, so they are checked before they reach SQL. */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}: use letters, digits and underscores`);
  }
  return name;
}

/** A table name, optionally qualified by its database (`analytics.mart_funnel`). */
export function assertTableName(name: string): { database: string | null; table: string } {
  const parts = name.split('.');
  if (parts.length > 2) throw new Error(`invalid table name ${JSON.stringify(name)}: use table or database.table`);
  parts.forEach(assertIdentifier);
  return parts.length === 2 ? { database: parts[0], table: parts[1] } : { database: null, table: parts[0] };
}

/** A name SQL cannot take bare, such as a DuckDB catalog named after its file (`scrm-bench-1`), double-quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
