import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config/schema.js';
import { normalizeText, tokenize } from '../../enrich/text.js';
import { writeTable } from '../load-table.js';
import type { CodeModel } from '../model.js';

const keywordFile = z
  .object({
    keywords: z.array(z.object({ phrase: z.string().min(1), category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case category') }).loose()),
  })
  .loose();

const stopwordFile = z.object({ stopwords: z.array(z.string().min(1)) }).loose();

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  const full = resolve(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the ${what}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export type KeywordRow = {
  keyword: string;
  category: string;
  tokens: string[];
  n_tokens: number;
  first_token: string;
};

/** The keyword dictionary with each phrase normalized and tokenized exactly like message text. */
export function keywordRows(config: Config): KeywordRow[] {
  const file = readJson(config.keywords, keywordFile, 'keyword dictionary');
  const rows = new Map<string, KeywordRow>();
  file.keywords.forEach((entry, i) => {
    const keyword = normalizeText(entry.phrase);
    const tokens = tokenize(keyword);
    if (tokens.length === 0) throw new Error(`${config.keywords}: keywords.${i}.phrase: ${JSON.stringify(entry.phrase)} has no words after normalization`);
    rows.set(`${keyword}\u0000${entry.category}`, { keyword, category: entry.category, tokens, n_tokens: tokens.length, first_token: tokens[0] });
  });
  return [...rows.values()];
}

/** Stopwords normalized like message tokens (so "qué" removes the token "que"). */
export function stopwordRows(config: Config): { word: string }[] {
  const file = readJson(config.stopwords, stopwordFile, 'stopword list');
  const words = new Set(file.stopwords.flatMap((word) => tokenize(normalizeText(word))));
  return [...words].sort().map((word) => ({ word }));
}

/** One rate per (country, category); country '*' holds the defaults for unlisted countries. */
export function conversationRateRows(config: Config): { country: string; category: string; rate: number }[] {
  const { default_rates, countries } = config.costs;
  const rows = Object.entries(default_rates).map(([category, rate]) => ({ country: '*', category, rate }));
  for (const [country, rates] of Object.entries(countries)) {
    for (const [category, rate] of Object.entries(rates)) rows.push({ country, category, rate });
  }
  return rows;
}

export const SEEDS: CodeModel[] = [
  {
    name: 'seed_keywords',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    build: ({ warehouse, config, orderBy }) =>
      writeTable(
        warehouse,
        'seed_keywords',
        [
          { name: 'keyword', type: 'String' },
          { name: 'category', type: 'String' },
          { name: 'tokens', type: 'Array(String)' },
          { name: 'n_tokens', type: 'Int64' },
          { name: 'first_token', type: 'String' },
        ],
        keywordRows(config),
        orderBy,
      ),
  },
  {
    name: 'seed_stopwords',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    build: ({ warehouse, config, orderBy }) => writeTable(warehouse, 'seed_stopwords', [{ name: 'word', type: 'String' }], stopwordRows(config), orderBy),
  },
  {
    name: 'seed_conversation_rates',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    build: ({ warehouse, config, orderBy }) =>
      writeTable(
        warehouse,
        'seed_conversation_rates',
        [
          { name: 'country', type: 'String' },
          { name: 'category', type: 'String' },
          { name: 'rate', type: 'Float64' },
        ],
        conversationRateRows(config),
        orderBy,
      ),
  },
];
