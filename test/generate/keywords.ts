/** The keyword rule of METRICS.md (phrase tokens appear consecutively in the message tokens), for tests. */
import { readFileSync } from 'node:fs';
import { normalizeText, tokenize } from '../../src/enrich/text.js';

const dictionary = JSON.parse(readFileSync(new URL('../../config/keywords.json', import.meta.url), 'utf8')) as { keywords: { phrase: string; category: string }[] };
const phrases = dictionary.keywords.map((entry) => ({ category: entry.category, tokens: tokenize(normalizeText(entry.phrase)) }));

const cache = new Map<string, Set<string>>();

/** The categories whose phrases a text matches (message texts repeat a lot, so results are kept). */
export function keywordCategories(text: string): Set<string> {
  let found = cache.get(text);
  if (!found) {
    found = match(text);
    cache.set(text, found);
  }
  return found;
}

function match(text: string): Set<string> {
  const tokens = tokenize(normalizeText(text));
  const found = new Set<string>();
  for (const phrase of phrases) {
    for (let start = 0; start + phrase.tokens.length <= tokens.length; start++) {
      if (phrase.tokens.every((token, i) => tokens[start + i] === token)) {
        found.add(phrase.category);
        break;
      }
    }
  }
  return found;
}
