import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Countries by calling code ('852' → HK; '1' → US, CA and the rest of the North American plan). */
const BY_CALLING_CODE = new Map<string, CountryCode[]>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  BY_CALLING_CODE.set(code, [...(BY_CALLING_CODE.get(code) ?? []), country]);
}

/** In the North American plan the country follows from the area code, so one parse per area code is enough. */
const nanpByAreaCode = new Map<string, string | null>();

function parsedCountry(phone: string): string | null {
  return parsePhoneNumberFromString(phone)?.country ?? null;
}

/**
 * ISO country of an E.164 phone from its calling code (what WhatsApp pricing goes by). Calling
 * codes form a prefix code, so the first match is the only one. A code several countries share
 * (+1, +7, +44, …) is settled by libphonenumber from the number; parsing every phone would cost
 * tens of microseconds each, so only those are parsed, North American ones once per area code.
 */
export function phoneCountry(phone: string): string | null {
  if (!phone.startsWith('+')) return null;
  const code = callingCode(phone.slice(1));
  if (code === undefined) return null;
  const countries = BY_CALLING_CODE.get(code)!;
  if (countries.length === 1) return countries[0];
  if (code.length > 1 || phone.length < 5) return parsedCountry(phone);
  const areaCode = phone.slice(0, 5);
  if (!nanpByAreaCode.has(areaCode)) nanpByAreaCode.set(areaCode, parsedCountry(phone));
  return nanpByAreaCode.get(areaCode)!;
}

/** The calling code the digits start with: calling codes are one to three digits and form a prefix code, so at most one fits. */
function callingCode(digits: string): string | undefined {
  return [digits.slice(0, 1), digits.slice(0, 2), digits.slice(0, 3)].find((candidate) => BY_CALLING_CODE.has(candidate));
}

export type CallingPrefixRow = {
  /** '+' and three digits. */
  prefix: string;
  /** The one country of the calling code the prefix starts with; NULL when the code is shared. */
  country: string | null;
  /** 1 when several countries share the calling code, so only the whole number tells (phoneCountry). */
  shared: number;
};

/**
 * The calling code of every '+ddd' prefix that starts with one. Calling codes are one to three
 * digits and form a prefix code, so the first four characters of a phone settle its country
 * whenever its code belongs to one country: the models look that up in SQL and ask
 * phoneCountry only for the phones of shared codes.
 */
export function callingPrefixRows(): CallingPrefixRow[] {
  const rows: CallingPrefixRow[] = [];
  for (let n = 0; n < 1000; n++) {
    const digits = String(n).padStart(3, '0');
    const code = callingCode(digits);
    if (code === undefined) continue;
    const countries = BY_CALLING_CODE.get(code)!;
    rows.push({ prefix: `+${digits}`, country: countries.length === 1 ? countries[0] : null, shared: countries.length === 1 ? 0 : 1 });
  }
  return rows;
}
