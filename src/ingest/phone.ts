import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { e164: string; error?: undefined } | { e164?: undefined; error: string };

/** Parsing a number costs ~10 µs and customers write again and again: results are remembered. */
const CACHE_LIMIT = 200_000;
const cache = new Map<string, PhoneResult>();

/**
 * A phone number in E.164 (`+85291234567`), or why not. Numbers without a country code are read in
 * `region`; `00` international prefixes are accepted. Only numbers valid for their country pass.
 */
export function normalizePhone(raw: string, region: CountryCode): PhoneResult {
  const cacheKey = region + raw;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = parse(raw, region);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, result);
  return result;
}

/** A WhatsApp id (`wa_id`, `from`, `recipient_id`): the international number in digits, no `+`. */
export function normalizeWaId(waId: string, region: CountryCode): PhoneResult {
  return /^\d{7,15}$/.test(waId) ? normalizePhone(`+${waId}`, region) : normalizePhone(waId, region);
}

function parse(raw: string, region: CountryCode): PhoneResult {
  const text = raw.trim().replace(/^00(?=[1-9])/, '+');
  if (!/\d/.test(text)) return { error: 'not a phone number' };
  const phone = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
  if (!phone) return { error: `not a phone number (region ${region})` };
  if (!phone.isValid()) return { error: `not a valid phone number (region ${region})` };
  return { e164: phone.number };
}
