import { sentimentScore } from '../enrich/sentiment.js';
import { extractEmojis, normalizeText, tokenize } from '../enrich/text.js';
import type { MessageRow } from './landing.js';

/** A message as a source reads it; the enrichment columns are derived here, the same for every source. */
export type MessageFields = Omit<MessageRow, 'text_norm' | 'tokens' | 'emojis' | 'sentiment' | 'ts'>;

const NO_WORDS: string[] = [];

/**
 * Completes a message row with text enrichment (METRICS.md): `text_norm`, `tokens`, `emojis`, and
 * `sentiment` (NULL when the message has no text), and the `ts` twin of `ts_ms`.
 */
export function buildMessageRow(fields: MessageFields): MessageRow {
  const text = fields.text;
  if (text === null || text === '') {
    return { ...fields, text_norm: '', tokens: NO_WORDS, emojis: NO_WORDS, sentiment: null, ts: fields.ts_ms };
  }
  const textNorm = normalizeText(text);
  const tokens = tokenize(textNorm);
  const emojis = extractEmojis(text);
  return { ...fields, text_norm: textNorm, tokens, emojis, sentiment: sentimentScore(tokens, emojis), ts: fields.ts_ms };
}
