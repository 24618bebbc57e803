/**
 * The shop's market: the countries its customers write from, their mobile numbers (valid for
 * libphonenumber-js), the ways people type those numbers, languages and currencies.
 */
import { WeightedTable, type Random } from './random.js';

export type Country = 'HK' | 'TW' | 'ES';
export type Language = 'es' | 'en' | 'zh';
export type Currency = 'HKD' | 'TWD' | 'EUR';

export const COUNTRIES: readonly Country[] = ['HK', 'TW', 'ES'];

interface CountryProfile {
  callingCode: string;
  /** Digits of the national significant number. */
  nationalLength: number;
  /** Leading digits of mobile ranges where every completion is a valid mobile number. */
  mobilePrefixes: readonly string[];
  currency: Currency;
  languages: WeightedTable<Language>;
  /** WhatsApp template language code per customer language. */
  templateLanguage: Record<Language, string>;
  /** National trunk prefix written before the number in local form. */
  trunk: string;
}

const PROFILES: Record<Country, CountryProfile> = {
  HK: {
    callingCode: '852',
    nationalLength: 8,
    mobilePrefixes: ['510', '512', '530', '536', '546', '552', '560', '590', '601', '614', '618', '623', '634', '651', '663', '690', '901', '912', '926', '934', '946', '952', '965', '978', '985'],
    currency: 'HKD',
    languages: new WeightedTable<Language>([
      ['zh', 0.5],
      ['en', 0.35],
      ['es', 0.15],
    ]),
    templateLanguage: { es: 'es', en: 'en', zh: 'zh_HK' },
    trunk: '',
  },
  TW: {
    callingCode: '886',
    nationalLength: 9,
    mobilePrefixes: ['900', '905', '910', '912', '918', '921', '926', '928', '932', '937', '939', '952', '955', '958', '963', '966', '972', '978', '988'],
    currency: 'TWD',
    languages: new WeightedTable<Language>([
      ['zh', 0.85],
      ['en', 0.15],
    ]),
    templateLanguage: { es: 'es', en: 'en', zh: 'zh_TW' },
    trunk: '0',
  },
  ES: {
    callingCode: '34',
    nationalLength: 9,
    mobilePrefixes: ['600', '606', '610', '612', '618', '622', '626', '634', '638', '644', '650', '655', '660', '666', '670', '677', '686', '690', '699', '711', '722'],
    currency: 'EUR',
    languages: new WeightedTable<Language>([
      ['es', 0.95],
      ['en', 0.05],
    ]),
    templateLanguage: { es: 'es', en: 'en', zh: 'zh_HK' },
    trunk: '',
  },
};

export function currencyOf(country: Country): Currency {
  return PROFILES[country].currency;
}

export function drawLanguage(country: Country, random: Random): Language {
  return PROFILES[country].languages.draw(random);
}

export function templateLanguage(country: Country, language: Language): string {
  return PROFILES[country].templateLanguage[language];
}

/**
 * Hands out distinct mobile numbers per country: the serial picks a prefix and an affine
 * permutation of the remaining digits (a bijection), so numbers never repeat and look scattered.
 */
export class PhoneBook {
  private readonly serials: Record<Country, number> = { HK: 0, TW: 0, ES: 0 };
  private readonly salts: Record<Country, number>;

  constructor(random: Random) {
    this.salts = { HK: random.nextUint32(), TW: random.nextUint32(), ES: random.nextUint32() };
  }

  /** A new E.164 mobile number in the country. */
  next(country: Country): string {
    const profile = PROFILES[country];
    const serial = this.serials[country]++;
    const prefixes = profile.mobilePrefixes;
    const restLength = profile.nationalLength - prefixes[0].length;
    const modulus = 10 ** restLength;
    const block = Math.floor(serial / prefixes.length);
    if (block >= modulus) throw new Error(`the generator ran out of ${country} phone numbers`);
    const rest = (block * 7_654_321 + (this.salts[country] % modulus)) % modulus;
    return `+${profile.callingCode}${prefixes[serial % prefixes.length]}${String(rest).padStart(restLength, '0')}`;
  }
}

export function countryOfPhone(e164: string): Country {
  for (const country of COUNTRIES) if (e164.startsWith(`+${PROFILES[country].callingCode}`)) return country;
  throw new Error(`not a number of the simulated market: ${e164}`);
}

/** The WhatsApp id of a number: its E.164 digits without the plus. */
export function waId(e164: string): string {
  return e164.slice(1);
}

export type PhoneStyle = 'e164' | 'international' | 'local' | 'local_compact';

/** A number as a person or a shop system would type it. */
export function formatPhone(e164: string, style: PhoneStyle): string {
  if (style === 'e164') return e164;
  const country = countryOfPhone(e164);
  const profile = PROFILES[country];
  const national = e164.slice(1 + profile.callingCode.length);
  if (style === 'local_compact') return profile.trunk + national;
  const grouped = groupDigits(country, national, style);
  return style === 'international' ? `+${profile.callingCode} ${grouped}` : profile.trunk + grouped;
}

function groupDigits(country: Country, national: string, style: 'international' | 'local'): string {
  if (country === 'HK') return `${national.slice(0, 4)} ${national.slice(4)}`;
  if (country === 'TW') {
    const separator = style === 'local' ? '-' : ' ';
    return [national.slice(0, 3), national.slice(3, 6), national.slice(6)].join(separator);
  }
  return [national.slice(0, 3), national.slice(3, 5), national.slice(5, 7), national.slice(7)].join(' ');
}

export const PHONE_STYLES = new WeightedTable<PhoneStyle>([
  ['e164', 0.45],
  ['international', 0.2],
  ['local', 0.25],
  ['local_compact', 0.1],
]);

/** How numbers with their country code are typed (where a local form could not be placed). */
export const INTERNATIONAL_STYLES = new WeightedTable<PhoneStyle>([
  ['e164', 0.7],
  ['international', 0.3],
]);

/** Decimal places of prices in each currency (TWD prices are whole dollars). */
const DECIMALS: Record<Currency, number> = { HKD: 2, TWD: 0, EUR: 2 };

/** An amount in cents as the shop exports it: "1169.10", "2390", "22.99". */
export function formatAmount(cents: number, currency: Currency): string {
  const decimals = DECIMALS[currency];
  return decimals === 0 ? String(Math.round(cents / 100)) : (cents / 100).toFixed(decimals);
}

/** A base price in HKD cents converted to the currency, rounded the way shops price. */
export function priceIn(hkdCents: number, currency: Currency): number {
  if (currency === 'HKD') return hkdCents;
  if (currency === 'TWD') return Math.round((hkdCents * 4.1) / 1000) * 1000;
  return Math.max(99, Math.round((hkdCents * 0.118) / 100) * 100 - 1);
}
