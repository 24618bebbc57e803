import type { Config } from '../config/schema.js';
/**
 * The generator's options, their defaults and their validation (once, at the edge).
 */
import { parseDate } from './calendar.js';
import { COUNTRIES, type Country } from './market.js';

export interface GenerateOptions {
  /** Folder the data set is written to. */
  outDir: string;
  /** People in the customer base (second numbers of the same person come on top). */
  customers?: number;
  /** Length of the period in local days, ending on `endDate`. */
  days?: number;
  seed?: string | number;
  /** Last local date of the period, YYYY-MM-DD (fixed, never "today", so runs are reproducible). */
  endDate?: string;
  /** Business time zone (IANA); peaks and days are local to it. */
  timezone?: string;
  /** Relative share of customers per country. */
  market?: Partial<Record<Country, number>>;
  /**
   * How often the average customer starts a conversation, per month: about 1 for a shop people
   * write to now and then, 4 or more for one they order from every week (groceries, refills).
   */
  conversationsPerMonth?: number;
  /**
   * The shop's home country (the config's default_region): its numbers are often typed in local
   * form in orders; other countries' numbers carry their country code there, since the orders
   * file has no country column to read a local number by.
   */
  homeRegion?: string;
  /** Write the webhook files gzip-compressed (.ndjson.gz). */
  gzip?: boolean;
  /** Number of WhatsApp chat-export .txt files. */
  chatExports?: number;
  /** Shop name the customers see (Spanish and English spelling), also the sender name in chat exports. */
  businessNames?: { es: string; en: string };
  /** Replace the generator's own files in a folder that already holds a data set. */
  force?: boolean;
  /** Called after each simulated day. */
  onProgress?: (daysDone: number, days: number) => void;
}

export interface ResolvedOptions {
  outDir: string;
  customers: number;
  days: number;
  seed: string;
  endDate: string;
  timezone: string;
  market: Record<Country, number>;
  conversationsPerMonth: number;
  homeRegion: string;
  gzip: boolean;
  chatExports: number;
  businessNames: { es: string; en: string };
  force: boolean;
  onProgress?: (daysDone: number, days: number) => void;
}

export const GENERATE_DEFAULTS = {
  customers: 600,
  days: 180,
  seed: 'scrm-demo',
  endDate: '2026-11-22',
  timezone: 'Asia/Hong_Kong',
  market: { HK: 0.4, TW: 0.2, ES: 0.4 } as Record<Country, number>,
  /** With campaign sends this makes ≈ 10 messages per customer a month. */
  conversationsPerMonth: 1.1,
  homeRegion: 'HK',
  chatExports: 4,
  businessNames: { es: 'Tienda Demo', en: 'Demo Shop' },
} as const;

export class GenerateOptionsError extends Error {}

export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const fail = (option: string, problem: string): never => {
    throw new GenerateOptionsError(`generate: ${option}: ${problem}`);
  };
  const customers = options.customers ?? GENERATE_DEFAULTS.customers;
  if (!Number.isInteger(customers) || customers < 10 || customers > 5_000_000) fail('customers', `expected a whole number from 10 to 5000000, got ${customers}`);
  const days = options.days ?? GENERATE_DEFAULTS.days;
  if (!Number.isInteger(days) || days < 14 || days > 3660) fail('days', `expected a whole number from 14 to 3660, got ${days}`);
  const endDate = options.endDate ?? GENERATE_DEFAULTS.endDate;
  try {
    parseDate(endDate);
  } catch (error) {
    fail('end date', (error as Error).message);
  }
  const timezone = options.timezone ?? GENERATE_DEFAULTS.timezone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    fail('timezone', `expected an IANA time zone such as "Asia/Hong_Kong", got "${timezone}"`);
  }
  const market = { HK: 0, TW: 0, ES: 0, ...(options.market ?? GENERATE_DEFAULTS.market) };
  for (const [country, weight] of Object.entries(market)) {
    if (!COUNTRIES.includes(country as Country)) fail('market', `unknown country "${country}" (expected ${COUNTRIES.join(', ')})`);
    if (!Number.isFinite(weight) || weight < 0) fail('market', `weight of ${country} must be a number ≥ 0`);
  }
  if (market.HK + market.TW + market.ES <= 0) fail('market', 'at least one country needs a positive weight');
  const conversationsPerMonth = options.conversationsPerMonth ?? GENERATE_DEFAULTS.conversationsPerMonth;
  if (!Number.isFinite(conversationsPerMonth) || conversationsPerMonth < 0.1 || conversationsPerMonth > 60) fail('conversations per month', `expected a number from 0.1 to 60, got ${conversationsPerMonth}`);
  const homeRegion = options.homeRegion ?? GENERATE_DEFAULTS.homeRegion;
  if (!/^[A-Z]{2}$/.test(homeRegion)) fail('home region', `expected a two-letter country code such as "HK", got "${homeRegion}"`);
  const chatExports = options.chatExports ?? GENERATE_DEFAULTS.chatExports;
  if (!Number.isInteger(chatExports) || chatExports < 0 || chatExports > 100) fail('chat exports', `expected a whole number from 0 to 100, got ${chatExports}`);
  if (!options.outDir) fail('out', 'an output folder is required');
  return {
    outDir: options.outDir,
    customers,
    days,
    seed: String(options.seed ?? GENERATE_DEFAULTS.seed),
    endDate,
    timezone,
    market,
    conversationsPerMonth,
    homeRegion,
    gzip: options.gzip ?? false,
    chatExports,
    businessNames: options.businessNames ?? { ...GENERATE_DEFAULTS.businessNames },
    force: options.force ?? false,
    onProgress: options.onProgress,
  };
}

/** Parses "HK=0.4,TW=0.2,ES=0.4" (the CLI form of `market`). */
export function parseMarket(text: string): Partial<Record<Country, number>> {
  const market: Partial<Record<Country, number>> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([A-Za-z]{2})\s*[=:]\s*([0-9.]+)\s*$/.exec(part);
    if (!match) throw new GenerateOptionsError(`generate: market: expected entries like HK=0.4, got "${part}"`);
    market[match[1].toUpperCase() as Country] = Number(match[2]);
  }
  return market;
}

/**
 * Chat exports name the shop by its display name, which is how their business side is recognised:
 * a config for loading a generated data set lists the generator's shop names among its own.
 */
export function withGeneratedShopNames(config: Config): Config {
  const names = GENERATE_DEFAULTS.businessNames;
  return { ...config, business: { ...config.business, sender_names: [...new Set([...config.business.sender_names, names.es, names.en])] } };
}
