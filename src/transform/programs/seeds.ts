import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config } from '../../config/schema.js';
import { WEEKDAYS } from '../../config/service-hours.js';
import { resolveConfiguredFile } from '../../files.js';
import { normalizeText, tokenize } from '../../enrich/text.js';
import { tableModel } from '../load-table.js';
import type { CodeModel } from '../model.js';
import { callingPrefixRows } from './phone-country.js';

const keywordFile = z
  .object({
    keywords: z.array(z.object({ phrase: z.string().min(1), category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case category') }).loose()),
  })
  .loose();

const stopwordFile = z.object({ stopwords: z.array(z.string().min(1)) }).loose();

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  const full = resolveConfiguredFile(path);
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

/** Configured opening intervals, one row per ISO weekday (1 = Monday) and interval, in seconds after local midnight. */
export function openingHourRows(config: Config): { weekday: number; open_s: number; close_s: number }[] {
  return WEEKDAYS.flatMap((day, i) => config.service.opening_hours[day].map((hours) => ({ weekday: i + 1, ...hours })));
}

export function holidayRows(config: Config): { holiday: string }[] {
  return [...new Set(config.service.holidays)].sort().map((holiday) => ({ holiday }));
}

export function teamRows(config: Config): { agent_id: string; team: string }[] {
  return Object.entries(config.service.teams).flatMap(([team, agents]) => agents.map((agent_id) => ({ agent_id, team })));
}

export const SEEDS: CodeModel[] = [
  tableModel({
    name: 'seed_keywords',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    columns: { keyword: 'String', category: 'String', tokens: 'Array(String)', n_tokens: 'Int64', first_token: 'String' },
    rows: ({ config }) => keywordRows(config),
  }),
  tableModel({ name: 'seed_stopwords', kind: 'seed', layer: 'seeds', refs: [], columns: { word: 'String' }, rows: ({ config }) => stopwordRows(config) }),
  tableModel({
    name: 'seed_conversation_rates',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    columns: { country: 'String', category: 'String', rate: 'Float64' },
    rows: ({ config }) => conversationRateRows(config),
  }),
  tableModel({
    name: 'seed_opening_hours',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    columns: { weekday: 'Int64', open_s: 'Int64', close_s: 'Int64' },
    rows: ({ config }) => openingHourRows(config),
  }),
  tableModel({ name: 'seed_holidays', kind: 'seed', layer: 'seeds', refs: [], columns: { holiday: 'String' }, rows: ({ config }) => holidayRows(config) }),
  tableModel({
    name: 'seed_calling_prefixes',
    kind: 'seed',
    layer: 'seeds',
    refs: [],
    columns: { prefix: 'String', country: 'Nullable(String)', shared: 'Int64' },
    rows: () => callingPrefixRows(),
  }),
  tableModel({ name: 'seed_teams', kind: 'seed', layer: 'seeds', refs: [], columns: { agent_id: 'String', team: 'String' }, rows: ({ config }) => teamRows(config) }),
];
