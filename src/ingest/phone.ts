import { getCountries, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { boundedMemo } from './memo.js';

/** Parsing a number costs ~10 µs and customers write again and again: results are remembered, per region. */
const CACHE_LIMIT = 200_000;
const byRegion = new Map<CountryCode, (raw: string) => string | null>();
const waIdsByRegion = new Map<CountryCode, (waId: string) => string | null>();

function memoFor(memos: Map<CountryCode, (raw: string) => string | null>, region: CountryCode, parseIn: (raw: string, region: CountryCode) => string | null) {
  let memo = memos.get(region);
  if (!memo) {
    memo = boundedMemo(CACHE_LIMIT, (raw) => parseIn(raw, region));
    memos.set(region, memo);
  }
  return memo;
}

/**
 * A phone number in E.164 (`+85291234567`), or null when it is not a valid number. Numbers without
 * a country code are read in `region`; `00` international prefixes are accepted.
 */
export function normalizePhone(raw: string, region: CountryCode): string | null {
  return memoFor(byRegion, region, parse)(raw);
}

/** A WhatsApp id (`wa_id`, `from`, `recipient_id`): the international number in digits, no `+`. */
export function normalizeWaId(waId: string, region: CountryCode): string | null {
  return memoFor(waIdsByRegion, region, parseWaId)(waId);
}

function parseWaId(waId: string, region: CountryCode): string | null {
  return /^\d{7,15}$/.test(waId) ? parse(`+${waId}`, region) : parse(waId, region);
}

function parse(raw: string, region: CountryCode): string | null {
  const text = raw.trim().replace(/^00(?=[1-9])/, '+');
  const phone = /\d/.test(text) ? parsePhoneNumberFromString(text, { defaultCountry: region, extract: false }) : undefined;
  return phone?.isValid() ? phone.number : null;
}

/** The reject reason for a number `normalizePhone` refused; `where` locates it inside the record. */
export function invalidPhone(region: CountryCode, where?: string): string {
  return `not a valid phone number (region ${region}${where ? `, ${where}` : ''})`;
}

let regionsByName: Map<string, CountryCode> | null = null;

/**
 * The region a record's country column names, as a two-letter code ("TW", "tw") or an English
 * name ("Taiwan", "Hong Kong"), when it is one libphonenumber knows; otherwise null.
 */
export function regionOf(country: string | null | undefined): CountryCode | null {
  if (!country) return null;
  const text = country.trim();
  if (/^[A-Za-z]{2}$/.test(text) && isSupportedCountry(text.toUpperCase())) return text.toUpperCase() as CountryCode;
  if (!regionsByName) {
    const names = new Intl.DisplayNames('en', { type: 'region' });
    regionsByName = new Map();
    for (const code of getCountries()) {
      const name = names.of(code)!.toLowerCase();
      regionsByName.set(name, code);
      // "Hong Kong SAR China" is written "Hong Kong" in every CRM.
      regionsByName.set(name.replace(/ sar china$/, ''), code);
    }
  }
  return regionsByName.get(text.toLowerCase()) ?? null;
}
