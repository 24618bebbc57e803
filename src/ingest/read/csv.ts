import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  /** The header's column names (the same array for every record of a file). */
  columns: readonly string[];
  /** Values by header name, trimmed; empty cells are absent. */
  values: Record<string, string>;
  /** The record as it appeared in the file, for rejects. */
  raw: string;
}

export type CsvItem = { record: CsvRecord } | { error: { line: number; reason: string; raw: string } };

/**
 * Streams CSV records with the header as keys. A malformed record (unclosed quote, oversized) is
 * reported as an error item and parsing goes on with the next one.
 */
export async function* readCsv(stream: Readable, maxRecordBytes: number): AsyncGenerator<CsvItem> {
  const skipped: CsvItem[] = [];
  let columns: readonly string[] = [];
  const parser = parse({
    columns: (header: string[]) => (columns = header.map((name) => name.trim())) as string[],
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordBytes,
    on_skip: (error) => {
      const err = error as Error & { lines?: number; raw?: string };
      skipped.push({ error: { line: err.lines ?? 0, reason: `malformed CSV (${err.message})`, raw: err.raw ?? '' } });
    },
  });
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; raw?: string }; raw: string }>) {
    while (skipped.length) yield skipped.shift()!;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(item.record)) {
      const trimmed = typeof value === 'string' ? value.trim() : '';
      if (trimmed !== '') values[key] = trimmed;
    }
    const raw = item.raw.replace(/\r?\n$/, '');
    yield { record: { line: item.info.lines - countNewlines(raw), columns, values, raw } };
  }
  while (skipped.length) yield skipped.shift()!;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
