import type { EncodedRows } from './types.js';

/** Characters gathered per piece: large enough for few writes, small enough to stay out of the way. */
const PIECE_CHARS = 4 * 1024 * 1024;
const NEWLINE = new Uint8Array([0x0a]);

/**
 * Encoded rows (NDJSON or TabSeparated lines) as pieces of a few MiB each, newline-terminated as a
 * whole, for writing to a file or a request body. An element may already hold thousands of rows (a parsed block), so text
 * elements are gathered by size rather than by count, and no single string has to hold the whole
 * batch; byte elements go out as they are, without a copy.
 */
export function* linePieces(rows: readonly EncodedRows[]): Generator<string | Uint8Array> {
  let pieces: string[] = [];
  let chars = 0;
  for (const row of rows) {
    if (typeof row !== 'string') {
      if (pieces.length) yield pieces.join('\n') + '\n';
      pieces = [];
      chars = 0;
      yield row;
      yield NEWLINE;
      continue;
    }
    pieces.push(row);
    chars += row.length;
    if (chars < PIECE_CHARS) continue;
    yield pieces.join('\n') + '\n';
    pieces = [];
    chars = 0;
  }
  if (pieces.length) yield pieces.join('\n') + '\n';
}
