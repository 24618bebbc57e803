import type { LineBlock } from './read/lines.js';
import type { Emit, IngestContext, LineSource } from './source.js';

export type LineParser = LineSource['parseLine'];

const NON_BLANK = /\S/;

/** Runs a line source over one block of lines: blank lines are skipped, oversized ones rejected. */
export function parseBlock(parseLine: LineParser, file: string, block: LineBlock, emit: Emit, context: IngestContext): void {
  for (const oversized of block.oversized) {
    emit.record();
    emit.reject(oversized.line, null, `record too long (${oversized.bytes} bytes, limit ${context.maxRecordBytes})`, oversized.head);
  }
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i];
    if (text.length === 0 || !NON_BLANK.test(text)) continue;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    emit.record();
    parseRecord(parseLine, text, block.firstLine + i, file, emit, context);
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
