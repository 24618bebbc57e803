import { sentimentScore } from '../enrich/sentiment.js';
import { extractEmojis, normalizeText, tokenize } from '../enrich/text.js';
import type { MessageRow } from './landing.js';

/** A message as a source reads it; the enrichment columns are derived here, the same for every source. */
export type MessageFields = Omit<MessageRow, 'text_norm' | 'tokens' | 'emojis' | 'sentiment' | 'ts'>;

const NO_WORDS: string[] = [];

/**
 * Completes a message row with text enrichment (METRICS.md): `text_norm`, `tokens`, `emojis`, and
 * `sentiment` (NULL when the message has no text), and the `ts` twin of `ts_ms`. The fields object
 * becomes the row (no copy: this runs once per message on the hot path).
 */
export function buildMessageRow(fields: MessageFields): MessageRow {
  const row = fields as MessageRow;
  const text = fields.text;
  if (text === null || text === '') {
    row.text_norm = '';
    row.tokens = NO_WORDS;
    row.emojis = NO_WORDS;
    row.sentiment = null;
  } else {
    row.text_norm = normalizeText(text);
    row.tokens = tokenize(row.text_norm);
    row.emojis = extractEmojis(text);
    row.sentiment = sentimentScore(row.tokens, row.emojis);
  }
  row.ts = fields.ts_ms;
  return row;
}
