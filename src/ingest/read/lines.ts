import type { Readable } from 'node:stream';

const NEWLINE = 0x0a;
/** How much of an oversized record is kept for its reject row. */
const HEAD_BYTES = 64 * 1024;

export interface LineBlock {
  /** 1-based number of the first line in `text`. */
  firstLine: number;
  /** Complete lines joined by '\n' (a '\r' before it is left to the parser). Oversized lines are empty here. */
  text: string;
  /** Lines longer than the limit: never held whole, only their beginning is kept for the reject. */
  oversized: OversizedLine[];
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
    let text = '';

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
      if (oversized.length) yield { firstLine, text: '', oversized };
      continue;
    }

    let region = chunk.subarray(pos, lastNl);
    if (carryBytes > 0) {
      region = Buffer.concat([...carry, region]);
      carry = [];
      carryBytes = 0;
    }
    // Leading placeholder for a skipped oversized line that ended in this chunk.
    const lead = oversized.length ? '\n' : '';
    const startLine = oversized.length ? firstLine + 1 : firstLine;
    const [body, lines] = decodeRegion(region, startLine, maxLineBytes, oversized);
    text = lead + body;
    nextLine = startLine + lines;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
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
    yield { firstLine, text, oversized };
  }

  if (skipping) {
    yield { firstLine: nextLine, text: '', oversized: [skipping] };
  } else if (carryBytes > 0) {
    let text = Buffer.concat(carry).toString('utf8');
    if (first) text = text.replace(/^\uFEFF/, '');
    yield { firstLine: nextLine, text, oversized: [] };
  }
}

/**
 * Decodes complete lines (the region holds no final newline), replacing lines over the limit by
 * empty placeholders so numbering holds. Returns the text and how many lines it spans.
 */
function decodeRegion(region: Buffer, firstLine: number, maxLineBytes: number, oversized: OversizedLine[]): [string, number] {
  let lines = 1;
  let start = 0;
  let cleanFrom = 0;
  const parts: string[] = [];
  for (;;) {
    const nl = region.indexOf(NEWLINE, start);
    const end = nl < 0 ? region.length : nl;
    if (end - start > maxLineBytes) {
      parts.push(region.subarray(cleanFrom, start).toString('utf8'));
      oversized.push({ line: firstLine + lines - 1, bytes: end - start, head: region.subarray(start, Math.min(end, start + HEAD_BYTES)).toString('utf8') });
      cleanFrom = end;
    }
    if (nl < 0) break;
    lines++;
    start = nl + 1;
  }
  if (parts.length === 0) return [region.toString('utf8'), lines];
  parts.push(region.subarray(cleanFrom).toString('utf8'));
  return [parts.join(''), lines];
}
