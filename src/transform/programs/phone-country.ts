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
  for (let length = 1; length <= 3; length++) {
    const countries = BY_CALLING_CODE.get(phone.slice(1, 1 + length));
    if (!countries) continue;
    if (countries.length === 1) return countries[0];
    if (length > 1 || phone.length < 5) return parsedCountry(phone);
    const areaCode = phone.slice(0, 5);
    if (!nanpByAreaCode.has(areaCode)) nanpByAreaCode.set(areaCode, parsedCountry(phone));
    return nanpByAreaCode.get(areaCode)!;
  }
  return null;
}
