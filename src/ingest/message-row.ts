import { sentimentScore } from '../enrich/sentiment.js';
import { extractEmojis, normalizeText, tokenize } from '../enrich/text.js';
import type { MessageRow } from './landing.js';
import { boundedMemo } from './memo.js';

/** A message as a source reads it; the enrichment columns are derived here, the same for every source. */
export type MessageFields = Omit<MessageRow, 'text_norm' | 'tokens' | 'emojis' | 'sentiment' | 'ts'>;

type Enrichment = Pick<MessageRow, 'text_norm' | 'tokens' | 'emojis' | 'sentiment'>;

const NO_TEXT: Enrichment = Object.freeze({ text_norm: '', tokens: Object.freeze([]) as unknown as string[], emojis: Object.freeze([]) as unknown as string[], sentiment: null });

/**
 * Texts repeat a lot ("ok", "gracias", "👍", button titles), and word segmentation of Chinese costs
 * several µs: the enrichment of recent texts is remembered. Entries are frozen, since rows share them.
 */
const ENRICHMENT_CACHE_LIMIT = 50_000;
const enrichment = boundedMemo(ENRICHMENT_CACHE_LIMIT, (text): Enrichment => {
  const text_norm = normalizeText(text);
  const tokens = tokenize(text_norm);
  const emojis = extractEmojis(text);
  return Object.freeze({ text_norm, tokens: Object.freeze(tokens) as string[], emojis: Object.freeze(emojis) as string[], sentiment: sentimentScore(tokens, emojis) });
});

/**
 * Completes a message row with text enrichment (METRICS.md): `text_norm`, `tokens`, `emojis`, and
 * `sentiment` (NULL when the message has no text), and the `ts` twin of `ts_ms`. The fields object
 * becomes the row (no copy: this runs once per message on the hot path).
 */
export function buildMessageRow(fields: MessageFields): MessageRow {
  const row = fields as MessageRow;
  const text = fields.text;
  const derived = text === null || text === '' ? NO_TEXT : enrichment(text);
  row.text_norm = derived.text_norm;
  row.tokens = derived.tokens;
  row.emojis = derived.emojis;
  row.sentiment = derived.sentiment;
  row.ts = fields.ts_ms;
  return row;
}
