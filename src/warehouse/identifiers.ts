const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Table and column names are never bound by drivers, so they are checked before they reach SQL. */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}: use letters, digits and underscores`);
  }
  return name;
}
