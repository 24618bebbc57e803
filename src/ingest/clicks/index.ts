import { parseJsonObject, stringField } from '../json-record.js';
import type { Emit, IngestContext, LineSource } from '../source.js';
import { parseInstant } from '../time.js';

/** One tracked link click (NDJSON line), as written by `scrm serve` or an external link tracker. */
function parseClick(text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  const record = parseJsonObject(text, line, emit);
  if (!record) return;
  const clickId = stringField(record, 'click_id');
  const token = stringField(record, 'token');
  const url = stringField(record, 'url');
  if (!clickId) return emit.reject(line, 'click_id', 'missing field', text);
  if (!token) return emit.reject(line, 'token', 'missing field', text);
  if (!url) return emit.reject(line, 'url', 'missing field', text);
  if (record.clicked_at === undefined || record.clicked_at === null) return emit.reject(line, 'clicked_at', 'missing field', text);
  const tsMs = parseInstant(record.clicked_at, context.timezone);
  if (tsMs === null) return emit.reject(line, 'clicked_at', 'bad timestamp', text);
  emit.row('raw_clicks', {
    click_id: clickId,
    token,
    message_id: stringField(record, 'message_id'),
    url,
    ts_ms: tsMs,
    ts: tsMs,
    user_agent: stringField(record, 'user_agent'),
    raw_json: text,
    source_file: file,
    source_line: line,
    ingested_at_ms: context.ingestedAtMs,
  });
}

export const source: LineSource = {
  kind: 'lines',
  name: 'clicks',
  rejectSource: 'clicks',
  description: 'tracked link clicks (NDJSON)',
  module: import.meta.url,
  parseLine: parseClick,
};
