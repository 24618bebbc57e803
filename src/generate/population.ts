/**
 * The customer base: who they are (number, name, language), how often they write (a long-tailed
 * rate), when they arrive, how they like to pay, and the planted truths: who will churn, and
 * which people also write from a second number.
 */
import { PRODUCT_TABLE, type Product } from './catalog.js';
import type { LocalCalendar } from './calendar.js';
import { COUNTRIES, currencyOf, drawLanguage, PhoneBook, waId, type Country, type Currency, type Language } from './market.js';
import { drawName, lookAlikeName, type PersonName } from './names.js';
import type { ResolvedOptions } from './options.js';
import { WeightedTable, type Random } from './random.js';
import type { PaymentMethod } from './scenarios.js';
import { WEEKDAY_VOLUME } from './time-of-day.js';

export type ConversationCategory = 'marketing' | 'utility' | 'service';

export interface ChurnPlan {
  /** First day of the decline: fewer chats, sourer tone, fewer orders. */
  declineStartDay: number;
  /** From this day on: no message and no order from the customer. */
  churnDay: number;
  /** The decline starts with a complaint on its first day. */
  startsWithComplaint: boolean;
}

export interface CustomerState {
  busyUntil: number;
  /** The latest order planned (it may still lie in the future of the simulation clock). */
  lastOrder?: { id: string; createdMs: number };
  /** The customer has written at least once. */
  contacted: boolean;
  /** The shop left the customer's last message unanswered and the customer never wrote again. */
  silent: boolean;
  spentHkdCents: number;
  /** Until this day the customer writes more (after clicking a campaign link). */
  boostUntilDay: number;
  salesConversations: number;
  /**
   * The customer's own clock of conversations: expected conversations so far (the day's rate,
   * weekday and decline factors summed) and the clock reading at which the next one starts.
   */
  conversationClock: number;
  nextConversationAt: number;
  /** Open 24-hour pricing conversations by category. */
  windows: Partial<Record<ConversationCategory, { id: string; expiresMs: number }>>;
}

export interface Customer {
  index: number;
  phone: string;
  waId: string;
  country: Country;
  language: Language;
  currency: Currency;
  name: PersonName;
  profileName: string;
  /** Conversations started per day at full activity (before weekday and anomaly factors). */
  rate: number;
  joinDay: number;
  payment: PaymentMethod;
  priceSensitive: boolean;
  optedIn: boolean;
  favorite: Product;
  /** The first message comes from a click-to-WhatsApp ad. */
  referral: boolean;
  /** Serial of the CRM contact, when the CRM knows the customer. */
  crmSerial?: number;
  churn?: ChurnPlan;
  /** This number is a second number of another customer. */
  alias?: { of: number; via: 'name_and_sku' | 'crm' };
  /** Index of the customer's second number listed in the CRM. */
  secondPhone?: number;
  /** A planned purchase of this product (both numbers of a look-alike pair buy it). */
  anchor?: { day: number; product: Product };
  state: CustomerState;
}

const RATE_SIGMA = 0.85;
export const CHURN_SHARE = 0.15;
/** Churners whose decline starts with a complaint. */
const CHURN_COMPLAINT_SHARE = 0.6;
export const LOOK_ALIKE_SHARE = 0.025;
export const CRM_SECOND_PHONE_SHARE = 0.015;
const CRM_SHARE = 0.78;

const PAYMENT_PREFERENCE: Record<Country, WeightedTable<PaymentMethod>> = {
  HK: new WeightedTable<PaymentMethod>([['card', 0.6], ['cod', 0.25], ['transfer', 0.15]]),
  TW: new WeightedTable<PaymentMethod>([['card', 0.45], ['cod', 0.4], ['transfer', 0.15]]),
  ES: new WeightedTable<PaymentMethod>([['card', 0.45], ['cod', 0.35], ['transfer', 0.2]]),
};

export function buildPopulation(options: ResolvedOptions, calendar: LocalCalendar, random: Random): Customer[] {
  const phones = new PhoneBook(random);
  const countries = new WeightedTable(COUNTRIES.map((country) => [country, options.market[country]] as const));
  const meanWeekday = WEEKDAY_VOLUME.slice(1).reduce((a, b) => a + b, 0) / 7;
  const baseRate = options.conversationsPerMonth / 30.44 / meanWeekday;
  const rateNorm = Math.exp((RATE_SIGMA * RATE_SIGMA) / 2);
  const customers: Customer[] = [];
  let crmSerial = 0;
  for (let index = 0; index < options.customers; index++) {
    const country = countries.draw(random);
    const language = drawLanguage(country, random);
    const name = drawName(language, country, random);
    const phone = phones.next(country);
    const joinDay = random.chance(0.6) ? 0 : random.int(1, calendar.days - 1);
    customers.push({
      index,
      phone,
      waId: waId(phone),
      country,
      language,
      currency: currencyOf(country),
      name,
      profileName: name.display,
      rate: (baseRate * random.logNormal(1, RATE_SIGMA)) / rateNorm,
      joinDay,
      payment: PAYMENT_PREFERENCE[country].draw(random),
      priceSensitive: random.chance(0.12),
      optedIn: random.chance(0.93),
      favorite: PRODUCT_TABLE.draw(random),
      referral: joinDay > 0 && random.chance(0.25),
      crmSerial: random.chance(CRM_SHARE) ? ++crmSerial : undefined,
      state: freshState(),
    });
  }
  plantLookAlikes(customers, calendar.days, phones, random);
  plantCrmSecondPhones(customers, options.customers, calendar.days, phones, random);
  plantChurn(customers, options.customers, calendar.days, random);
  return customers;
}

function freshState(): CustomerState {
  return { busyUntil: 0, contacted: false, silent: false, spentHkdCents: 0, boostUntilDay: -1, salesConversations: 0, conversationClock: 0, nextConversationAt: Number.NaN, windows: {} };
}

/** Customers in a random order (Fisher–Yates on a copy). */
function shuffled(customers: readonly Customer[], random: Random): Customer[] {
  const copy = [...customers];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function secondNumber(primary: Customer, index: number, phones: PhoneBook, profileName: string, joinDay: number, via: 'name_and_sku' | 'crm'): Customer {
  const phone = phones.next(primary.country);
  return {
    ...primary,
    index,
    phone,
    waId: waId(phone),
    profileName,
    rate: primary.rate * 0.5,
    joinDay,
    referral: false,
    crmSerial: undefined,
    alias: { of: primary.index, via },
    secondPhone: undefined,
    anchor: undefined,
    state: freshState(),
  };
}

/**
 * A few people also write from a second number under a look-alike name, and both numbers buy
 * the same product within weeks: the case the name-and-SKU identity rule must catch.
 */
function plantLookAlikes(customers: Customer[], days: number, phones: PhoneBook, random: Random): void {
  const wanted = Math.round(customers.length * LOOK_ALIKE_SHARE);
  let planted = 0;
  for (const primary of shuffled(customers, random)) {
    if (planted >= wanted) break;
    const anchorDay = random.int(Math.floor(days * 0.15), Math.floor(days * 0.55));
    const aliasDay = anchorDay + random.int(10, 40);
    if (primary.joinDay > anchorDay || aliasDay >= days - 6) continue;
    const product = primary.favorite;
    primary.anchor = { day: anchorDay, product };
    const alias = secondNumber(primary, customers.length, phones, lookAlikeName(primary.profileName, random), aliasDay, 'name_and_sku');
    alias.anchor = { day: aliasDay, product };
    customers.push(alias);
    planted++;
  }
}

/** Some CRM contacts list a second mobile number, which also writes to the shop. */
function plantCrmSecondPhones(customers: Customer[], people: number, days: number, phones: PhoneBook, random: Random): void {
  const wanted = Math.round(people * CRM_SECOND_PHONE_SHARE);
  let planted = 0;
  for (const primary of shuffled(customers.slice(0, people), random)) {
    if (planted >= wanted) break;
    if (primary.crmSerial === undefined || primary.anchor || primary.secondPhone !== undefined) continue;
    const alias = secondNumber(primary, customers.length, phones, primary.profileName, random.int(primary.joinDay, days - 1), 'crm');
    alias.rate = primary.rate * 0.4;
    primary.secondPhone = alias.index;
    customers.push(alias);
    planted++;
  }
}

/**
 * Churners: established, reasonably active customers who, over four to six weeks, write less and
 * less happily, then stop writing and buying.
 */
function plantChurn(customers: Customer[], people: number, days: number, random: Random): void {
  const rates = customers.slice(0, people).map((customer) => customer.rate).sort((a, b) => a - b);
  const medianRate = rates[Math.floor(rates.length / 2)];
  const wanted = Math.round(people * CHURN_SHARE);
  let planted = 0;
  for (const customer of shuffled(customers.slice(0, people), random)) {
    if (planted >= wanted) break;
    const eligible = !customer.anchor && customer.secondPhone === undefined && customer.joinDay <= days * 0.15 && customer.rate >= medianRate;
    if (!eligible) continue;
    // Spread over the period, so that every training cut-off and the later evaluation cut-off
    // (60 days before the end) have churners whose decline it can see.
    const churnDay = random.int(Math.floor(days * 0.25), Math.floor(days * 0.92));
    const declineStartDay = Math.max(customer.joinDay + 7, churnDay - random.int(28, 42));
    if (declineStartDay >= churnDay) continue;
    customer.churn = { declineStartDay, churnDay, startsWithComplaint: random.chance(CHURN_COMPLAINT_SHARE) };
    planted++;
  }
}
