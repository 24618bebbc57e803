/**
 * Reads each landing log once: the byte offset (and line number) up to which a log was loaded is
 * kept in `ingest_state`, and the next run reads only the complete lines after it. A line still
 * being written (no newline yet) is left for the run after. The offset moves only once the rows
 * read under it are loaded; a run that dies in between reads that part again, and the idempotent
 * keys drop what was already stored, so every record lands exactly once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NEWLINE, readLineBlocks, type LineBlock } from '../read/lines.js';
import type { IngestState } from '../source.js';

/** What `ingest_state` keeps per landing log. */
interface Checkpoint {
  /** Bytes loaded: the position just after the last loaded line's newline. */
  offset: number;
  /** Lines loaded. */
  line: number;
  /** SHA-256 of the file's first bytes (up to 4 KiB of what was loaded): a log replaced under the same name is read from its start. */
  head: string;
}

/** The part of a landing log a run reads: whole lines from `start` (line `firstLine`) to `end`. */
export interface LandingSlice {
  readonly file: string;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  /** The head hash to store with the checkpoint at `end`. */
  readonly head: string;
}

const TAIL_CHUNK = 64 * 1024;
const HEAD_BYTES = 4096;

function stateKey(file: string): string {
  return `landing:${resolve(file)}`;
}

function parseCheckpoint(value: string | null): Checkpoint | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Checkpoint;
    return Number.isSafeInteger(parsed.offset) && Number.isSafeInteger(parsed.line) && typeof parsed.head === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** SHA-256 of the file's first `min(bytes, 4 KiB)` bytes. */
async function headHash(handle: FileHandle, bytes: number): Promise<string> {
  const buffer = Buffer.alloc(Math.min(bytes, HEAD_BYTES));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
  return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex');
}

/** The position just after the last newline in [from, size), or `from` when there is none. */
async function endOfLastLine(handle: FileHandle, from: number, size: number): Promise<number> {
  const buffer = Buffer.alloc(TAIL_CHUNK);
  for (let end = size; end > from; end -= TAIL_CHUNK) {
    const start = Math.max(from, end - TAIL_CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const at = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (at >= 0) return start + at + 1;
  }
  return from;
}

/** What is new in a landing log since the last loaded checkpoint (empty when `start === end`). */
export async function landingSlice(file: string, state: IngestState): Promise<LandingSlice> {
  const key = stateKey(file);
  const saved = parseCheckpoint(await state.get(key));
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const same = saved !== null && saved.offset <= size && (await headHash(handle, saved.offset)) === saved.head;
    const resume = same ? saved : { offset: 0, line: 0 };
    const end = await endOfLastLine(handle, resume.offset, size);
    return { file, key, start: resume.offset, end, firstLine: resume.line + 1, head: await headHash(handle, end) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a slice as line blocks numbered as in the whole file. `lines()` is the number of lines
 * read, for `commitLandingSlice`, once the blocks are exhausted.
 */
export function readLandingSlice(slice: LandingSlice, maxLineBytes: number, onBytes?: (bytes: number) => void) {
  let lines = 0;
  async function* blocks(): AsyncGenerator<LineBlock> {
    if (slice.end <= slice.start) return;
    const stream = createReadStream(slice.file, { start: slice.start, end: slice.end - 1 });
    if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
    const shift = slice.firstLine - 1;
    for await (const block of readLineBlocks(stream, maxLineBytes)) {
      lines += newlines(block.bytes) + 1;
      yield {
        firstLine: block.firstLine + shift,
        bytes: block.bytes,
        oversized: block.oversized.map((line) => ({ ...line, line: line.line + shift })),
      };
    }
  }
  return { blocks: blocks(), lines: () => lines };
}

function newlines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** Records the slice as loaded: call only after every row read from it is in the warehouse. */
export async function commitLandingSlice(state: IngestState, slice: LandingSlice, lines: number): Promise<void> {
  if (slice.end <= slice.start) return;
  const checkpoint: Checkpoint = { offset: slice.end, line: slice.firstLine - 1 + lines, head: slice.head };
  await state.set(slice.key, JSON.stringify(checkpoint));
}
