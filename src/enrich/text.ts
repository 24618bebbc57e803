/**
 * Text normalization shared by ingest (text_norm, tokens, emojis) and the keyword dictionary, so a
 * phrase and a message are normalized by exactly the same rules (METRICS.md, Text enrichment).
 */

const COMBINING_MARKS = /\p{M}+/gu;
const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{EMod})*|\p{Regional_Indicator}{2}/gu;
/** Anything that is not a letter, digit or mark becomes a word separator (punctuation, symbols, emoji). */
const NON_WORD = /[^\p{L}\p{N}\s]+/gu;
const SPACES = /\s+/gu;
const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_FAST_PATH = /^[a-z0-9 ]*$/;

const segmenter = new Intl.Segmenter('zh-Hant', { granularity: 'word' });

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cased, NFKD with combining marks removed, punctuation as spaces, runs of spaces collapsed. */
export function normalizeText(text: string): string {
  // ASCII text has nothing to decompose: skipping NFKD is the same result, faster (ingest hot path).
  const decomposed = ASCII.test(text) ? text.toLowerCase() : text.toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '');
  return decomposed.replace(NON_WORD, ' ').replace(SPACES, ' ').trim();
}

/** Splits normalized text into words; Chinese and Japanese runs go through Intl.Segmenter. */
export function tokenize(normalized: string): string[] {
  if (normalized.length === 0) return [];
  if (LATIN_FAST_PATH.test(normalized) || !HAN_OR_KANA.test(normalized)) return normalized.split(' ');
  const tokens: string[] = [];
  for (const part of normalized.split(' ')) {
    if (!HAN_OR_KANA.test(part)) {
      tokens.push(part);
      continue;
    }
    for (const segment of segmenter.segment(part)) {
      if (segment.isWordLike) tokens.push(segment.segment);
    }
  }
  return tokens;
}

/** The emoji in the text, in order, repeats kept. */
export function extractEmojis(text: string): string[] {
  return text.match(EMOJI) ?? [];
}

/** True for a token of CJK script, where one character is already a word. */
export function isCjkToken(token: string): boolean {
  return HAN_OR_KANA.test(token);
}
