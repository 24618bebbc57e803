import type { Row } from '../src/warehouse/types.js';

/** Rows as sorted lines of text, numbers compared within 1e-9 relative (floats may differ in the last bits). */
function canonical(rows: readonly Row[]): string[][] {
  return rows
    .map((row) => Object.values(row).map((value) => (typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) ? String(Number(value)) : String(value))))
    .sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
}

function sameNumbers(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * Fails the bench when two sides' answers to a query differ: a speed comparison is only honest
 * on equal answers. Each side is its name (for the message) and its rows.
 */
export function assertSame(query: string, [oursName, ours]: readonly [string, readonly Row[]], [theirsName, theirs]: readonly [string, readonly Row[]]): void {
  const a = canonical(ours);
  const b = canonical(theirs);
  if (a.length !== b.length) throw new Error(`${query}: ${oursName} has ${a.length} rows, ${theirsName} ${b.length}`);
  a.forEach((row, i) => {
    if (row.length !== b[i].length || !row.every((value, j) => sameNumbers(value, b[i][j]))) {
      throw new Error(`${query}: row ${i} differs: ${oursName} ${JSON.stringify(row)}, ${theirsName} ${JSON.stringify(b[i])}`);
    }
  });
  if (a.length === 0) throw new Error(`${query}: no rows to compare`);
}
