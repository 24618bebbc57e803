/**
 * A mid-size generated data set, read back from its files: the formats match the samples and the
 * planted behaviour is there for the analytics to find.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractEmojis, normalizeText } from '../../src/enrich/text.js';
import { ERRORS } from '../../src/generate/delivery.js';
import { generateDataset, type GenerateSummary } from '../../src/generate/generate.js';
import { CHURN_SHARE } from '../../src/generate/population.js';
import {
  campaignEngagement,
  conversionByPayment,
  createdOrders,
  crmPhones,
  dailyInbound,
  hourlyShares,
  inboundSessions,
  orderDelays,
  responseTimes,
  volume,
} from './analysis.js';
import { e164, inboundContent, localParts, median, orderPhone, readDataset, type Dataset } from './dataset.js';
import { keywordCategories } from './keywords.js';

const DAY = 86_400_000;
let dir: string;
let summary: GenerateSummary;
let data: Dataset;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrm-generate-'));
  summary = await generateDataset({ outDir: dir, customers: 600, days: 120, seed: 'mid-size' });
  data = readDataset(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated files have the real formats', () => {
  it('writes the layout it reports, with the counts it reports', () => {
    const paths = summary.files.map((file) => file.path);
    for (const name of ['send-log.ndjson', 'clicks.ndjson', 'orders.csv', 'crm-contacts.csv', 'tracked-links.json', 'ground-truth.json', 'exports/index.json']) {
      expect(paths).toContain(name);
    }
    expect(paths.filter((path) => /^webhooks\/\d{4}-\d{2}-\d{2}\.ndjson$/.test(path)).length).toBe(120);
    expect(data.sends.length).toBe(summary.outboundMessages);
    expect(inboundContent(data).length).toBe(summary.inboundMessages);
    expect(data.truth.generator).toMatchObject({ seed: 'mid-size', days: 120, end_date: '2026-11-22', start_date: '2026-07-26', timezone: 'Asia/Hong_Kong' });
  });

  it('webhook bodies are Cloud API "messages" notifications, some holding several items', () => {
    const first = JSON.parse(readFileSync(join(dir, 'webhooks', '2026-09-01.ndjson'), 'utf8').split('\n')[0]);
    expect(first.object).toBe('whatsapp_business_account');
    expect(first.entry[0].changes[0].field).toBe('messages');
    expect(first.entry[0].changes[0].value.metadata).toEqual({ display_phone_number: '85230001234', phone_number_id: '411100223344556' });
    expect(data.bodies.some((body) => body.kind === 'messages' && body.items > 1)).toBe(true);
    expect(data.bodies.some((body) => body.kind === 'statuses' && body.items > 1)).toBe(true);
    const types = new Set(data.inbound.map((row) => row.type));
    for (const type of ['text', 'image', 'audio', 'sticker', 'reaction', 'interactive', 'order', 'unsupported']) expect(types).toContain(type);
    expect(data.inbound.every((row) => /^wamid\.HBg[A-Za-z0-9+/]+$/.test(row.id) && row.profileName.length > 0)).toBe(true);
  });

  it('statuses arrive late, twice and out of order', () => {
    const seen = new Map<string, number>();
    let duplicates = 0;
    let readBeforeDelivered = 0;
    let lateByHours = 0;
    const deliveredArrival = new Map<string, number>();
    for (const status of data.statuses) {
      const key = `${status.id}/${status.status}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (seen.get(key) === 2) duplicates++;
      if (status.status === 'delivered') deliveredArrival.set(status.id, status.arrival);
    }
    for (const status of data.statuses) {
      if (status.status === 'read' && status.arrival < (deliveredArrival.get(status.id) ?? -1)) readBeforeDelivered++;
      if (status.file.slice(0, 10) > localParts(status.ms, 'Asia/Hong_Kong').date) lateByHours++;
    }
    expect(duplicates).toBeGreaterThan(50);
    expect(readBeforeDelivered).toBeGreaterThan(5);
    expect(lateByHours).toBeGreaterThan(50);
  });

  it('the send log has agent, bot and campaign lines; templates carry name, category and language', () => {
    const kinds = new Set(data.sends.map((row) => row.sender_kind));
    expect([...kinds].sort()).toEqual(['agent', 'bot', 'campaign']);
    expect(data.sends.filter((row) => row.sender_kind === 'agent').every((row) => /^agent_\d\d$/.test(row.agent_id!))).toBe(true);
    const templates = data.sends.filter((row) => row.sender_kind === 'campaign');
    expect(templates.every((row) => row.type === 'template' && row.template && ['es', 'en', 'zh_HK', 'zh_TW'].includes(row.template.language))).toBe(true);
    expect(new Set(templates.map((row) => row.template!.category))).toEqual(new Set(['marketing', 'utility']));
    const surveys = data.sends.filter((row) => row.type === 'interactive');
    expect(surveys.length).toBeGreaterThan(50);
    expect(surveys.every((row) => row.sender_kind === 'bot')).toBe(true);
  });

  it('CSAT answers are button replies csat_1 … csat_5 to the bot survey', () => {
    const surveyIds = new Set(data.sends.filter((row) => row.type === 'interactive').map((row) => row.message_id));
    const replies = data.inbound.filter((row) => row.type === 'interactive');
    const ids = new Set(replies.map((row) => row.interactiveId!));
    expect([...ids].every((id) => /^csat_[1-5]$/.test(id))).toBe(true);
    expect(ids.size).toBeGreaterThanOrEqual(4);
    expect(replies.every((row) => surveyIds.has(row.contextId!))).toBe(true);
  });

  it('clicks carry tokens of the registry, which appear in the campaign texts they belong to', () => {
    const texts = new Map(data.sends.map((row) => [row.message_id, row.text]));
    expect(data.clicks.length).toBeGreaterThan(100);
    for (const click of data.clicks) {
      const link = data.links[click.token];
      expect(link.message_id).toBe(click.message_id);
      expect(link.url).toBe(click.url);
      expect(texts.get(click.message_id)).toContain(`https://t.example/l/${click.token}`);
    }
    expect(new Set(data.clicks.map((click) => click.click_id)).size).toBe(data.clicks.length);
  });

  it('orders use the sample columns, item lists and both local and international phone forms', () => {
    expect(readFileSync(join(dir, 'orders.csv'), 'utf8').split('\n')[0]).toBe('order_id,customer_phone,created_at,updated_at,status,payment_method,currency,total,items');
    for (const row of data.orders) {
      expect(row.items).toMatch(/^[A-Z0-9-]+:\d+:\d+(\.\d\d)?(\|[A-Z0-9-]+:\d+:\d+(\.\d\d)?)*$/);
      const total = row.items.split('|').reduce((sum, item) => sum + Number(item.split(':')[1]) * Number(item.split(':')[2]), 0);
      expect(Number(row.total)).toBeCloseTo(total, 2);
    }
    expect(data.orders.some((row) => row.customer_phone.startsWith('+'))).toBe(true);
    expect(data.orders.some((row) => /^\d{4} ?\d{4}$/.test(row.customer_phone))).toBe(true);
    // Local forms are the home country's (HK); a foreign number in local form is a planted reject.
    const unreadable = new Set(data.truth.expected_rejects.orders_with_unreadable_phone);
    expect(unreadable.size).toBeGreaterThan(0);
    for (const row of data.orders) {
      if (!row.customer_phone.startsWith('+')) expect(row.currency === 'HKD' || unreadable.has(row.order_id), row.customer_phone).toBe(true);
    }
    for (const orderId of unreadable) expect(data.orders.find((row) => row.order_id === orderId)!.currency).not.toBe('HKD');
  });

  it('order updates are later rows with a greater updated_at; planted conflicts share one updated_at', () => {
    const byOrder = new Map<string, Record<string, string>[]>();
    for (const row of data.orders) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
    const updated = [...byOrder.values()].filter((rows) => rows.length > 1);
    expect(updated.length).toBeGreaterThan(byOrder.size / 2);
    for (const rows of updated) expect(rows[rows.length - 1].updated_at >= rows[0].updated_at).toBe(true);
    expect(data.truth.conflicts.orders.length).toBeGreaterThan(0);
    for (const orderId of data.truth.conflicts.orders) {
      const rows = byOrder.get(orderId)!;
      const clash = rows.filter((row) => rows.some((other) => other !== row && other.updated_at === row.updated_at && other.status !== row.status));
      expect(clash.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('CRM contacts: sample columns, sometimes two phones, about 23 % without postal code, conflicting edits', () => {
    expect(readFileSync(join(dir, 'crm-contacts.csv'), 'utf8').split('\n')[0]).toBe('crm_id,first_name,last_name,phone,mobile_phone,email,tier,address,postal_code,country,updated_at');
    const latest = new Map<string, Record<string, string>>();
    for (const row of data.crm) latest.set(row.crm_id, row);
    const missing = [...latest.values()].filter((row) => row.postal_code === '').length / latest.size;
    expect(missing).toBeGreaterThan(0.18);
    expect(missing).toBeLessThan(0.28);
    expect(data.crm.some((row) => row.mobile_phone !== '')).toBe(true);
    expect(latest.size).toBeLessThan(data.crm.length);
    for (const crmId of data.truth.conflicts.crm_contacts) {
      const rows = data.crm.filter((row) => row.crm_id === crmId);
      expect(rows.at(-1)!.updated_at).toBe(rows.at(-2)!.updated_at);
      expect(rows.at(-1)).not.toEqual(rows.at(-2));
    }
  });

  it('customers write Spanish, English and Traditional Chinese, with emoji, as their country suggests', () => {
    const language = (text: string) =>
      /\p{Script=Han}/u.test(text) ? 'zh' : /[ñáéíóú¿¡]|\b(hola|gracias|quiero|tienen|precio|talla|pedido|puedo|descuento|hay)\b/iu.test(text) ? 'es' : 'en';
    const texts = inboundContent(data).filter((row) => row.text).map((row) => ({ from: row.from, text: row.text!, language: language(row.text!) }));
    for (const lang of ['es', 'en', 'zh']) {
      const mine = texts.filter((row) => row.language === lang);
      expect(mine.length / texts.length, lang).toBeGreaterThan(0.15);
      expect(mine.filter((row) => extractEmojis(row.text).length > 0).length / mine.length, `${lang} with emoji`).toBeGreaterThan(0.1);
    }
    const chinese = texts.filter((row) => row.language === 'zh').map((row) => row.text).join('');
    expect(chinese).toMatch(/[們這價貨請謝問]/u);
    expect(chinese).not.toMatch(/[们这价货请谢问]/u);
    const customers = new Map<string, Map<string, number>>();
    for (const row of texts) {
      const counts = customers.get(row.from) ?? new Map<string, number>();
      counts.set(row.language, (counts.get(row.language) ?? 0) + 1);
      customers.set(row.from, counts);
    }
    const mainLanguages = (callingCode: string) => {
      const tally = new Map<string, number>();
      for (const [from, counts] of customers) {
        if (!from.startsWith(callingCode)) continue;
        const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
        tally.set(main, (tally.get(main) ?? 0) + 1);
      }
      const total = [...tally.values()].reduce((a, b) => a + b, 0);
      return Object.fromEntries([...tally].map(([lang, n]) => [lang, n / total]));
    };
    expect(mainLanguages('34').es).toBeGreaterThan(0.8);
    expect(mainLanguages('886').zh).toBeGreaterThan(0.6);
    const hongKong = mainLanguages('852');
    for (const lang of ['zh', 'en', 'es']) expect(hongKong[lang], `Hong Kong ${lang}`).toBeGreaterThan(0.05);
  });

  it('every phone number is a valid mobile number for libphonenumber-js', () => {
    const invalid: string[] = [];
    const waIds = new Set([...data.inbound.map((row) => row.from), ...data.sends.map((row) => row.to)]);
    for (const waId of waIds) if (!isValidPhoneNumber(`+${waId}`)) invalid.push(waId);
    for (const row of data.orders) if (!orderPhone(row)) invalid.push(row.customer_phone);
    for (const row of data.crm) for (const phone of [row.phone, row.mobile_phone].filter(Boolean)) if (!e164(phone, row.country)) invalid.push(phone);
    expect(invalid).toEqual([]);
    const countries = new Set(data.crm.map((row) => row.country));
    expect(countries).toEqual(new Set(['HK', 'TW', 'ES']));
  });

  it('chat exports: Android 24-hour and iOS 12-hour styles, with an index of whose chat each is', () => {
    const index = JSON.parse(readFileSync(join(dir, 'exports', 'index.json'), 'utf8')) as { file: string; platform: string; customer_phone: string }[];
    expect(index.map((entry) => entry.file).sort()).toEqual(data.exports.map((entry) => entry.file));
    const android = /^\d\d\/\d\d\/\d{4}, \d\d:\d\d - [^:]+: /;
    const ios = /^\u200e?\[\d{1,2}\/\d{1,2}\/\d\d, \d{1,2}:\d\d:\d\d\u202f(AM|PM)\] [^:]+: /;
    for (const entry of index) {
      expect(isValidPhoneNumber(entry.customer_phone)).toBe(true);
      const lines = data.exports.find((file) => file.file === entry.file)!.text.trimEnd().split('\n');
      const stamped = lines.filter((line) => (entry.platform === 'android' ? android : ios).test(line));
      expect(stamped.length).toBeGreaterThan(lines.length * 0.7);
      if (entry.platform === 'android') expect(lines[0]).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d - Messages and calls are end-to-end encrypted/);
    }
    const all = data.exports.map((file) => file.text).join('\n');
    expect(all).toContain('<Media omitted>');
    expect(all).toMatch(/\u200e(image|audio|sticker) omitted/);
  });
});

describe('the planted behaviour is in the files', () => {
  it('8–12 content messages per customer per month, with a long tail', () => {
    const stats = volume(data);
    // The denominator comes from the ground truth (customers count from the day they join): bound it by the files' own.
    const { people, second_numbers: secondNumbers, customer_months: customerMonths } = data.truth.observed;
    const numbers = new Set([...inboundContent(data).map((row) => row.from), ...data.sends.map((row) => row.to)]).size;
    expect(numbers).toBeLessThanOrEqual(people + secondNumbers);
    expect(customerMonths).toBeLessThanOrEqual((numbers * 120) / 30.44);
    expect(customerMonths).toBeGreaterThan((0.5 * numbers * 120) / 30.44);
    expect(stats.perCustomerMonth).toBeGreaterThan(8);
    expect(stats.perCustomerMonth).toBeLessThan(12);
    expect(stats.p99OverMedian).toBeGreaterThan(3.5);
    expect(stats.topDecileShare).toBeGreaterThan(0.25);
  });

  it('inbound peaks: weekdays 14:00–16:00 hold about 35 %; Tuesdays 10:00–12:00 stand out', () => {
    const shares = hourlyShares(data);
    expect(shares.weekdayAfternoonPeak).toBeGreaterThan(0.31);
    expect(shares.weekdayAfternoonPeak).toBeLessThan(0.39);
    expect(shares.tuesdayMorning).toBeGreaterThan(2 * shares.otherWeekdaysMorning);
  });

  it('agents answer in 4–5 minutes (median), two of them slowly (mean over 6 minutes); the bot in seconds; a few turns never', () => {
    const times = responseTimes(data);
    expect(times.agentMedianS).toBeGreaterThan(240);
    expect(times.agentMedianS).toBeLessThan(300);
    const slow = Object.entries(times.agentMeans).filter(([, mean]) => mean > 360).map(([agent]) => agent);
    expect(slow.sort()).toEqual(['agent_05', 'agent_06']);
    expect(Object.keys(times.agentMeans)).toHaveLength(6);
    expect(times.botMedianS).toBeLessThan(10);
    expect(times.unansweredShare).toBeGreaterThan(0.003);
    expect(times.unansweredShare).toBeLessThan(0.05);
  });

  it('campaigns: ≈ 97 % delivered, high read rate, ≈ 3 % failed with the real error codes and titles', () => {
    const engagement = campaignEngagement(data);
    expect(engagement.deliveryRate).toBeGreaterThan(0.955);
    expect(engagement.deliveryRate).toBeLessThan(0.985);
    expect(engagement.failureRate).toBeGreaterThan(0.02);
    expect(engagement.failureRate).toBeLessThan(0.04);
    expect(engagement.readRate).toBeGreaterThan(0.7);
    expect([...engagement.failureCodes.keys()].sort((a, b) => a - b)).toEqual([470, 130429, 131026, 131047, 131048, 131056]);
    for (const [code, entry] of engagement.failureCodes) expect([...entry.titles]).toEqual([ERRORS[code].title]);
    const top = [...engagement.failureCodes].sort((a, b) => b[1].count - a[1].count)[0][0];
    expect(top).toBe(131026);
  });

  it('campaign messages with emoji get clicked more', () => {
    const engagement = campaignEngagement(data);
    expect(engagement.ctrWithoutEmoji).toBeGreaterThan(0.02);
    expect(engagement.ctrWithEmoji).toBeGreaterThan(1.5 * engagement.ctrWithoutEmoji);
  });

  it('keywords: price questions in most sales chats; discount, size, parcel, complaint and hand-off phrases present', () => {
    const perCategory = new Map<string, number>();
    for (const row of inboundContent(data)) for (const category of keywordCategories(row.text ?? '')) perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
    for (const category of ['price', 'price_discount', 'size', 'logistics', 'complaint', 'handoff', 'product_inquiry', 'payment_cod', 'payment_card', 'payment_transfer']) {
      expect(perCategory.get(category) ?? 0, category).toBeGreaterThan(20);
    }
    const texts = inboundContent(data).map((row) => row.text ?? '');
    for (const phrase of ['descuento', 'talla', '¿Dónde está mi paquete?', 'queja', 'transferir a humano']) {
      expect(texts.some((text) => text.toLowerCase().includes(phrase.toLowerCase())), phrase).toBe(true);
    }
    const categories = inboundSessions(data, 3 * 3600_000).map((session) => new Set(session.rows.flatMap((row) => [...keywordCategories(row.text ?? '')])));
    const inquiries = categories.filter((set) => set.has('product_inquiry'));
    expect(inquiries.filter((set) => set.has('price')).length / inquiries.length).toBeGreaterThan(0.65);
  });

  it('orders come typically 3–4 days after a chat; cash on delivery converts worse than card', () => {
    const delay = median(orderDelays(data));
    expect(delay).toBeGreaterThan(2.8);
    expect(delay).toBeLessThan(4.2);
    const conversion = conversionByPayment(data);
    expect(conversion.payment_card.customers).toBeGreaterThan(50);
    expect(conversion.payment_cod.customers).toBeGreaterThan(50);
    expect(conversion.payment_card.rate).toBeGreaterThan(1.4 * conversion.payment_cod.rate);
  });

  it('churners write less in their last weeks, sound unhappier, then neither write nor buy', () => {
    const churners = data.truth.churn.customers;
    expect(churners.length).toBe(Math.round(600 * CHURN_SHARE));
    const inbound = inboundContent(data);
    const orders = [...createdOrders(data).values()];
    const negative = /😞|😠|👎|😡/u;
    const periodStart = Date.parse(`${data.truth.generator.start_date}T00:00:00+08:00`);
    let before = 0;
    let late = 0;
    let compared = 0;
    let negativeLate = 0;
    let lateMessages = 0;
    for (const churner of churners) {
      const wa = churner.customer_phone.slice(1);
      const churnMs = Date.parse(`${churner.churn_date}T00:00:00+08:00`);
      const declineMs = Date.parse(`${churner.decline_start_date}T00:00:00+08:00`);
      const mine = inbound.filter((row) => row.from === wa);
      expect(mine.filter((row) => row.ms >= churnMs)).toEqual([]);
      expect(orders.filter((order) => order.phone === churner.customer_phone && order.createdMs >= churnMs)).toEqual([]);
      const lastWeeks = mine.filter((row) => row.ms >= churnMs - 21 * DAY);
      lateMessages += lastWeeks.length;
      negativeLate += lastWeeks.filter((row) => negative.test(row.text ?? '')).length;
      const windowStart = Math.max(periodStart, declineMs - 42 * DAY);
      if (declineMs - windowStart < 14 * DAY) continue;
      compared++;
      before += mine.filter((row) => row.ms >= windowStart && row.ms < declineMs).length / ((declineMs - windowStart) / DAY);
      late += lastWeeks.length / 21;
    }
    expect(compared).toBeGreaterThan(30);
    expect(late).toBeLessThan(0.5 * before);
    const everyone = inbound.filter((row) => row.text);
    const baseline = everyone.filter((row) => negative.test(row.text!)).length / everyone.length;
    expect(negativeLate / lateMessages).toBeGreaterThan(2 * baseline);
  });

  it('anomalies: a three-day complaint spike and a two-day volume drop on the dates in the ground truth', () => {
    const [spike, drop] = data.truth.anomalies;
    expect(spike.kind).toBe('complaint_spike');
    expect(drop.kind).toBe('volume_drop');
    const complaints = dailyInbound(data, (row) => keywordCategories(row.text ?? '').has('complaint'));
    const all = dailyInbound(data);
    const spikeDays = [...complaints].filter(([date]) => date >= spike.first_date && date <= spike.last_date);
    const otherDays = [...all.keys()].filter((date) => date < spike.first_date || date > spike.last_date);
    const baseline = otherDays.reduce((sum, date) => sum + (complaints.get(date) ?? 0), 0) / otherDays.reduce((sum, date) => sum + all.get(date)!, 0);
    const spikeShare = spikeDays.reduce((sum, [, count]) => sum + count, 0) / spikeDays.reduce((sum, [date]) => sum + all.get(date)!, 0);
    expect(spikeShare).toBeGreaterThan(3 * baseline);
    const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
    const dropDays = [drop.first_date, drop.last_date];
    const typical = dropDays.map((date) => median([...all].filter(([other]) => weekdayOf(other) === weekdayOf(date) && !dropDays.includes(other)).map(([, count]) => count)));
    expect(all.get(drop.first_date)! + all.get(drop.last_date)!).toBeLessThan(0.5 * (typical[0] + typical[1]));
  });

  it('second numbers: look-alike names buying the same SKU within 90 days, and CRM contacts listing both numbers', () => {
    const { look_alike_numbers: lookAlikes, crm_listed_numbers: listed } = data.truth.identity;
    expect(lookAlikes.length).toBe(15);
    const orders = [...createdOrders(data).values()];
    const writers = new Set(inboundContent(data).map((row) => `+${row.from}`));
    for (const pair of lookAlikes) {
      const a = normalizeText(pair.primary_name);
      const b = normalizeText(pair.second_name);
      expect(1 - distance(a, b) / Math.max(a.length, b.length)).toBeGreaterThanOrEqual(0.8);
      expect(pair.primary_phone).not.toBe(pair.second_phone);
      const buys = (phone: string) => orders.filter((order) => order.phone === phone && order.items.split('|').some((item) => item.startsWith(`${pair.shared_sku}:`)));
      const first = buys(pair.primary_phone);
      const second = buys(pair.second_phone);
      expect(first.some((x) => second.some((y) => Math.abs(x.createdMs - y.createdMs) <= 90 * DAY))).toBe(true);
      expect(writers.has(pair.second_phone)).toBe(true);
    }
    expect(listed.length).toBe(9);
    for (const pair of listed) expect(data.crm.some((row) => crmPhones(row).join() === `${pair.primary_phone},${pair.second_phone}`)).toBe(true);
  });
});
