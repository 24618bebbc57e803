/**
 * Chats exported from the WhatsApp app on the shop's phone (a second inbox, not seen by the Cloud
 * API): Android exports with 24-hour Spanish-style dates, iOS exports with 12-hour US dates, the
 * U+202F before AM/PM and the U+200E marks, multi-line messages and media placeholders.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { LocalCalendar, WallClock } from './calendar.js';
import type { ExportEntry } from './ground-truth.js';
import { PRODUCT_TABLE } from './catalog.js';
import { formatAmount, priceIn } from './market.js';
import type { ResolvedOptions } from './options.js';
import type { Customer } from './population.js';
import type { Random } from './random.js';
import { planConversation, type Scenario } from './scenarios.js';
import type { PlannedMessage } from './timeline.js';
import type { WrittenFile } from './writers.js';

const ENCRYPTION_NOTICE =
  'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.';

type Platform = 'android' | 'ios';

/** Writes the export files and exports/index.json (file → customer number). */
export function writeChatExports(
  dir: string,
  options: ResolvedOptions,
  calendar: LocalCalendar,
  customers: readonly Customer[],
  random: Random,
): { entries: ExportEntry[]; files: WrittenFile[] } {
  const entries: ExportEntry[] = [];
  const files: WrittenFile[] = [];
  const chosen = new Set<number>();
  for (let i = 0; i < options.chatExports; i++) {
    const platform: Platform = i % 2 === 0 ? 'android' : 'ios';
    const customer = pickCustomer(customers, platform === 'android' ? 'es' : 'en', chosen, random);
    if (!customer) break;
    chosen.add(customer.index);
    const business = customer.language === 'es' ? options.businessNames.es : options.businessNames.en;
    const messages = exportConversations(customer, business, calendar, random);
    const file = platform === 'android' ? `WhatsApp Chat with ${customer.profileName}.txt` : `WhatsApp Chat - ${customer.profileName}.txt`;
    const render = platform === 'android' ? androidLines : iosLines;
    const lines = render(messages, customer.profileName, business, calendar);
    const text = lines.join('\n') + '\n';
    writeFileSync(join(dir, file), text);
    files.push({ path: join(dir, file), lines: lines.length, bytes: Buffer.byteLength(text) });
    entries.push({ file, platform, customer_phone: customer.phone, customer_name: customer.profileName, business_name: business, messages: messages.length });
  }
  const index = JSON.stringify(entries, null, 2) + '\n';
  writeFileSync(join(dir, 'index.json'), index);
  files.push({ path: join(dir, 'index.json'), lines: index.split('\n').length - 1, bytes: Buffer.byteLength(index) });
  return { entries, files };
}

function pickCustomer(customers: readonly Customer[], language: 'es' | 'en', chosen: ReadonlySet<number>, random: Random): Customer | undefined {
  // Customers of the shop since before the period, so the export spans weeks of history.
  const fits = (customer: Customer) => !customer.alias && !customer.churn && !chosen.has(customer.index) && customer.joinDay === 0;
  const candidates = customers.filter((customer) => fits(customer) && customer.language === language);
  const pool = candidates.length > 0 ? candidates : customers.filter(fits);
  return pool.length > 0 ? random.pick(pool) : undefined;
}

/** Two to four conversations on different days, in the customer's language; the first opens with a photo. */
function exportConversations(customer: Customer, business: string, calendar: LocalCalendar, random: Random): PlannedMessage[] {
  const lastDay = calendar.days - 3;
  const count = Math.min(random.int(2, 4), lastDay - customer.joinDay + 1);
  const days = new Set<number>();
  while (days.size < count) days.add(random.int(customer.joinDay, lastDay));
  const messages: PlannedMessage[] = [];
  for (const [index, day] of [...days].sort((a, b) => a - b).entries()) {
    const product = random.chance(0.5) ? customer.favorite : PRODUCT_TABLE.draw(random);
    const plan = planConversation({
      random,
      language: customer.language,
      scenario: index === 0 ? 'sales' : random.pick<Scenario>(['sales', 'sales', 'logistics', 'returns']),
      photo: index === 0,
      product,
      unhappy: false,
      priceSensitive: customer.priceSensitive,
      mentionPayment: random.chance(0.4) ? customer.payment : undefined,
      willBuy: random.chance(0.3),
      startMs: calendar.at(day, random.int(10 * 3600, 21 * 3600)),
      vars: {
        product: product.name[customer.language],
        size: product.size ?? '',
        price: formatAmount(priceIn(product.hkdCents, customer.currency), customer.currency),
        currency: customer.currency,
        order: `A${random.int(200, 999)}`,
        first: customer.name.first,
        business,
      },
    });
    messages.push(...plan.messages.filter(exported));
  }
  return messages.sort((a, b) => a.at - b.at);
}

/** Reactions, surveys and unsupported items do not appear in an app export. */
function exported(message: PlannedMessage): boolean {
  return !['reaction', 'csat_survey', 'csat_reply', 'unsupported'].includes(message.content.type);
}

type Rendered = { text: string } | { media: 'image' | 'audio' | 'sticker' };

function renderContent(message: PlannedMessage): Rendered[] {
  const content = message.content;
  switch (content.type) {
    case 'text':
      return [{ text: content.text }];
    case 'image':
      return [{ text: content.caption }, { media: 'image' }];
    case 'catalog_order':
      return [{ media: 'image' }];
    case 'audio':
    case 'sticker':
      return [{ media: content.type }];
    default:
      return [];
  }
}

const pad = (value: number) => String(value).padStart(2, '0');

function androidLines(messages: readonly PlannedMessage[], customerName: string, business: string, calendar: LocalCalendar): string[] {
  const stamp = (clock: WallClock) => `${pad(clock.day)}/${pad(clock.month)}/${clock.year}, ${pad(clock.hour)}:${pad(clock.minute)}`;
  const lines = messages.length > 0 ? [`${stamp(calendar.wallClock(messages[0].at - 180_000))} - ${ENCRYPTION_NOTICE}`] : [];
  for (const message of messages) {
    const sender = message.from === 'customer' ? customerName : business;
    for (const part of renderContent(message)) {
      lines.push(`${stamp(calendar.wallClock(message.at))} - ${sender}: ${'text' in part ? part.text : '<Media omitted>'}`);
    }
  }
  return lines;
}

function iosLines(messages: readonly PlannedMessage[], customerName: string, business: string, calendar: LocalCalendar): string[] {
  const stamp = (clock: WallClock) => {
    const hour12 = clock.hour % 12 === 0 ? 12 : clock.hour % 12;
    const meridiem = clock.hour < 12 ? 'AM' : 'PM';
    return `[${clock.month}/${clock.day}/${pad(clock.year % 100)}, ${hour12}:${pad(clock.minute)}:${pad(clock.second)}\u202f${meridiem}]`;
  };
  const lines: string[] = [];
  for (const message of messages) {
    const sender = message.from === 'customer' ? customerName : business;
    for (const part of renderContent(message)) {
      const time = stamp(calendar.wallClock(message.at));
      lines.push('text' in part ? `${time} ${sender}: ${part.text}` : `\u200e${time} ${sender}: \u200e${part.media} omitted`);
    }
  }
  return lines;
}
