import type { EncodedRows } from './types.js';

/** Characters gathered per piece: large enough for few writes, small enough to stay out of the way. */
const PIECE_CHARS = 4 * 1024 * 1024;

/**
 * Encoded rows as newline-terminated NDJSON pieces of a few MiB each, for writing to a file or a
 * request body. An element may already hold thousands of rows (a parsed block), so elements are
 * gathered by size rather than by count, and no single string has to hold the whole batch.
 */
export function* ndjsonPieces(rows: readonly EncodedRows[]): Generator<string> {
  let pieces: string[] = [];
  let chars = 0;
  for (const row of rows) {
    pieces.push(row);
    chars += row.length;
    if (chars < PIECE_CHARS) continue;
    yield pieces.join('\n') + '\n';
    pieces = [];
    chars = 0;
  }
  if (pieces.length) yield pieces.join('\n') + '\n';
}
