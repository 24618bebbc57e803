/**
 * Splits a SQL script into statements at semicolons that end a line. Statements in our `.sql`
 * files always end that way, which keeps semicolons inside string literals safe without parsing SQL.
 */
export function splitScript(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}
