/**
 * The marketing calendar (a weekly template send, flash sales, restocks, VIP previews) and how
 * recipients respond: each send carries a tracked link; messages with emoji get clicked more.
 */
import { PRODUCT_TABLE, type Product } from './catalog.js';
import type { LocalCalendar } from './calendar.js';
import type { Random } from './random.js';
import type { CampaignTheme } from './texts/index.js';

export interface Campaign {
  day: number;
  /** Local second of day the send starts. */
  startSecond: number;
  theme: CampaignTheme;
  /** Template name, as approved in WhatsApp Manager. */
  name: string;
  /** Share of opted-in customers in the audience. */
  reach: number;
  /** The product a restock announces. */
  product: Product;
  /** Landing page behind the tracked link. */
  url: string;
}

/** P(click | delivered): the emoji effect the analytics should find. */
export const CTR_WITH_EMOJI = 0.13;
export const CTR_WITHOUT_EMOJI = 0.075;
export const CAMPAIGN_READ_RATE = 0.82;
export const CHURNED_READ_RATE = 0.3;
/** Days a click raises the customer's chat rate, and by how much. */
export const CLICK_BOOST_DAYS = 3;
export const CLICK_BOOST = 2.5;

export function planCampaigns(calendar: LocalCalendar, random: Random): Campaign[] {
  const campaigns: Campaign[] = [];
  let week = 0;
  for (let day = 0; day < calendar.days; day++) {
    const date = calendar.date(day);
    const month = Number(date.slice(5, 7));
    const weekday = calendar.weekday(day);
    if (weekday === 4) {
      week++;
      const theme: CampaignTheme =
        week % 6 === 0 ? 'restock' : month >= 11 || month <= 2 ? (week % 2 ? 'winter_sale' : 'new_arrivals') : month >= 6 && month <= 8 ? (week % 2 ? 'summer_sale' : 'new_arrivals') : 'new_arrivals';
      campaigns.push(campaign(day, 11 * 3600 + random.int(0, 1800), theme, date, 0.5, random));
    }
    if (weekday === 6 && week % 4 === 2) campaigns.push(campaign(day, 10 * 3600 + random.int(0, 900), 'flash_sale', date, 0.35, random));
    if (weekday === 1 && Number(date.slice(8)) <= 7) campaigns.push(campaign(day, 18 * 3600, 'vip_early_access', date, 0.15, random));
  }
  return campaigns;
}

function campaign(day: number, startSecond: number, theme: CampaignTheme, date: string, reach: number, random: Random): Campaign {
  const product = PRODUCT_TABLE.draw(random);
  const seasonYear = date.slice(0, 4);
  const name = theme === 'winter_sale' || theme === 'summer_sale' ? `${theme}_${seasonYear}` : `${theme}_${date.replace(/-/g, '').slice(2)}`;
  const url = theme === 'restock' ? `https://shop.example/p/${product.slug}` : `https://shop.example/c/${theme.replace(/_/g, '-')}`;
  return { day, startSecond, theme, name, reach, product, url };
}

/** Click times of a delivered campaign message (a second one is a double tap or a later return); only read messages get clicked. */
export function planClicks(random: Random, readMs: number | undefined, readProbability: number, withEmoji: boolean): number[] {
  if (readMs === undefined) return [];
  const ctr = withEmoji ? CTR_WITH_EMOJI : CTR_WITHOUT_EMOJI;
  if (!random.chance(ctr / readProbability)) return [];
  const first = random.chance(0.015) ? readMs + random.uniform(7.5, 12) * 86_400_000 : readMs + random.logNormal(90, 1.2) * 1000;
  return random.chance(0.04) ? [first, first + random.uniform(2, 30) * 1000] : [first];
}
