import type { Readable } from 'node:stream';

/** The byte that ends a line (a '\r' before it is left to the parser). */
export const NEWLINE = 0x0a;
/** How much of an oversized record is kept for its reject row. */
const HEAD_BYTES = 64 * 1024;

export interface LineBlock {
  /** 1-based number of the first line in `bytes`. */
  firstLine: number;
  /**
   * Complete lines joined by '\n' as UTF-8 (a '\r' before it is left to the parser), a leading BOM
   * removed. Oversized lines are empty here. Bytes rather than text: a parse worker decodes its own
   * lines (the main thread only splits the stream), and bytes cross threads without a copy.
   */
  bytes: Uint8Array;
  /** Lines longer than the limit: never held whole, only their beginning is kept for the reject. */
  oversized: OversizedLine[];
}

const BOM = [0xef, 0xbb, 0xbf];
const NO_BYTES = new Uint8Array(0);

/** A block's lines as text, for readers that take the whole block at once. */
export function blockText(block: LineBlock): string {
  const { bytes } = block;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export interface OversizedLine {
  line: number;
  bytes: number;
  head: string;
}

/**
 * Splits a byte stream into blocks of complete lines, one block per chunk read, so memory stays
 * flat whatever the file size. A line longer than `maxLineBytes` is skipped as it streams by.
 */
export async function* readLineBlocks(stream: Readable, maxLineBytes: number): AsyncGenerator<LineBlock> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skipping: OversizedLine | null = null;
  let nextLine = 1;
  let first = true;

  const startSkipping = (line: number, pieces: Buffer[], bytes: number): OversizedLine => {
    const head = Buffer.concat(pieces).subarray(0, HEAD_BYTES).toString('utf8');
    return { line, bytes, head };
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let pos = 0;
    const oversized: OversizedLine[] = [];
    const firstLine = nextLine;

    if (skipping) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        skipping.bytes += chunk.length;
        continue;
      }
      skipping.bytes += nl;
      oversized.push(skipping);
      skipping = null;
      nextLine++;
      pos = nl + 1;
    }

    const lastNl = chunk.lastIndexOf(NEWLINE);
    if (lastNl < pos) {
      carry.push(pos === 0 ? chunk : chunk.subarray(pos));
      carryBytes += chunk.length - pos;
      if (carryBytes > maxLineBytes) {
        skipping = startSkipping(nextLine, carry, carryBytes);
        carry = [];
        carryBytes = 0;
      }
      if (oversized.length) yield { firstLine, bytes: NO_BYTES, oversized };
      continue;
    }

    let region = chunk.subarray(pos, lastNl);
    if (carryBytes > 0) {
      region = Buffer.concat([...carry, region]);
      carry = [];
      carryBytes = 0;
    }
    // Leading placeholder for a skipped oversized line that ended in this chunk.
    const lead = oversized.length > 0;
    const startLine = lead ? firstLine + 1 : firstLine;
    const [body, lines] = withoutOversized(region, startLine, maxLineBytes, oversized);
    let bytes: Uint8Array = lead ? Buffer.concat([NEWLINE_BYTES, body]) : body;
    nextLine = startLine + lines;
    if (first) {
      bytes = withoutBom(bytes);
      first = false;
    }

    const rest = chunk.length - (lastNl + 1);
    if (rest > 0) {
      carry.push(chunk.subarray(lastNl + 1));
      carryBytes = rest;
      if (carryBytes > maxLineBytes) {
        skipping = startSkipping(nextLine, carry, carryBytes);
        carry = [];
        carryBytes = 0;
      }
    }
    yield { firstLine, bytes, oversized };
  }

  if (skipping) {
    yield { firstLine: nextLine, bytes: NO_BYTES, oversized: [skipping] };
  } else if (carryBytes > 0) {
    const bytes = Buffer.concat(carry);
    yield { firstLine: nextLine, bytes: first ? withoutBom(bytes) : bytes, oversized: [] };
  }
}

const NEWLINE_BYTES = Buffer.from([NEWLINE]);

function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? bytes.subarray(3) : bytes;
}

/**
 * Complete lines (the region holds no final newline), lines over the limit replaced by empty
 * placeholders so numbering holds. Returns the bytes and how many lines they span.
 */
function withoutOversized(region: Buffer, firstLine: number, maxLineBytes: number, oversized: OversizedLine[]): [Buffer, number] {
  let lines = 1;
  let start = 0;
  let cleanFrom = 0;
  const parts: Buffer[] = [];
  for (;;) {
    const nl = region.indexOf(NEWLINE, start);
    const end = nl < 0 ? region.length : nl;
    if (end - start > maxLineBytes) {
      parts.push(region.subarray(cleanFrom, start));
      oversized.push({ line: firstLine + lines - 1, bytes: end - start, head: region.subarray(start, Math.min(end, start + HEAD_BYTES)).toString('utf8') });
      cleanFrom = end;
    }
    if (nl < 0) break;
    lines++;
    start = nl + 1;
  }
  if (parts.length === 0) return [region, lines];
  parts.push(region.subarray(cleanFrom));
  return [Buffer.concat(parts), lines];
}
