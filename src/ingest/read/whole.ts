import type { Readable } from 'node:stream';

const HEAD_CHARS = 64 * 1024;

export type WholeContent = { text: string } | { oversized: { bytes: number; head: string } };

/**
 * The whole content of a small file (one JSON document), refusing to hold more than `maxBytes`:
 * past that only the beginning is kept for the reject and the rest is drained.
 */
export async function readWhole(stream: Readable, maxBytes: number): Promise<WholeContent> {
  const pieces: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (bytes <= maxBytes) pieces.push(chunk);
    bytes += chunk.length;
  }
  const text = Buffer.concat(pieces).toString('utf8').replace(/^\uFEFF/, '');
  if (bytes > maxBytes) return { oversized: { bytes, head: text.slice(0, HEAD_CHARS) } };
  return { text };
}
