import { NEWLINE, type LineBlock } from './read/lines.js';
import type { Emit, IngestContext, LineSource } from './source.js';

export type LineParser = LineSource['parseLine'];

const NON_BLANK = /\S/;

/** Counts and rejects a record over `maxRecordBytes`, keeping only its beginning. */
export function rejectOversized(emit: Emit, line: number, bytes: number, head: string, context: IngestContext): void {
  emit.record();
  emit.reject(line, null, `record too long (${bytes} bytes, limit ${context.maxRecordBytes})`, head);
}

/**
 * Runs a line source over one block of lines: blank lines are skipped, oversized ones rejected.
 * Each line is decoded on its own: a line of ASCII becomes a one-byte string, which `JSON.parse`
 * and the row encoders handle faster than the two-byte string a whole mixed block would be.
 */
export function parseBlock(parseLine: LineParser, file: string, block: LineBlock, emit: Emit, context: IngestContext): void {
  for (const oversized of block.oversized) rejectOversized(emit, oversized.line, oversized.bytes, oversized.head, context);
  const bytes = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  let start = 0;
  for (let line = block.firstLine; ; line++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    if (end > start) {
      let text = bytes.toString('utf8', start, end);
      if (NON_BLANK.test(text)) {
        if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
        emit.record();
        parseRecord(parseLine, text, line, file, emit, context);
      }
    }
    if (newline < 0) return;
    start = newline + 1;
  }
}

/** One record through the source; a source that throws rejects the record rather than the run. */
export function parseRecord(parseLine: LineParser, text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  try {
    parseLine(text, line, file, emit, context);
  } catch (error) {
    emit.reject(line, null, `could not be read (${(error as Error).message})`, text);
  }
}
