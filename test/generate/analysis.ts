/**
 * Statistics of a generated data set computed from its files, following METRICS.md where it
 * defines the measure (turns, message state, keyword matching).
 */
import { extractEmojis } from '../../src/enrich/text.js';
import { e164, inboundContent, localParts, mean, median, orderPhone, type Dataset, type InboundRow } from './dataset.js';
import { keywordCategories } from './keywords.js';

const DAY = 86_400_000;

/** Content messages per customer-month, and how unequal customers are (the long tail). */
export function volume(dataset: Dataset) {
  const inbound = inboundContent(dataset);
  const perPhone = new Map<string, number>();
  for (const row of inbound) perPhone.set(row.from, (perPhone.get(row.from) ?? 0) + 1);
  for (const row of dataset.sends) perPhone.set(row.to, (perPhone.get(row.to) ?? 0) + 1);
  const counts = [...perPhone.values()].sort((a, b) => a - b);
  const total = inbound.length + dataset.sends.length;
  const topDecile = counts.slice(Math.floor(counts.length * 0.9)).reduce((a, b) => a + b, 0);
  return {
    perCustomerMonth: total / dataset.truth.observed.customer_months,
    p99OverMedian: counts[Math.floor(counts.length * 0.99)] / median(counts),
    topDecileShare: topDecile / total,
  };
}

/** Shares of weekday inbound content messages by local hour, per weekday. */
export function hourlyShares(dataset: Dataset) {
  const timezone = dataset.truth.generator.timezone;
  const byWeekday = Array.from({ length: 8 }, () => new Array<number>(24).fill(0));
  for (const row of inboundContent(dataset)) {
    const { weekday, hour } = localParts(row.ms, timezone);
    byWeekday[weekday][hour]++;
  }
  const share = (weekdays: number[], hours: number[]) => {
    let inHours = 0;
    let all = 0;
    for (const weekday of weekdays) {
      for (let hour = 0; hour < 24; hour++) {
        all += byWeekday[weekday][hour];
        if (hours.includes(hour)) inHours += byWeekday[weekday][hour];
      }
    }
    return inHours / all;
  };
  return {
    weekdayAfternoonPeak: share([1, 2, 3, 4, 5], [14, 15]),
    tuesdayMorning: share([2], [10, 11]),
    otherWeekdaysMorning: share([1, 3, 4, 5], [10, 11]),
  };
}

interface Turn {
  phone: string;
  startMs: number;
  responder?: string;
  responseS?: number;
}

/** Turns per METRICS.md: inbound content vs responder (agent, bot) messages per customer. */
export function turns(dataset: Dataset): Turn[] {
  type Event = { phone: string; ms: number; inbound: boolean; id: string; responder?: string };
  const events: Event[] = inboundContent(dataset).map((row) => ({ phone: row.from, ms: row.ms, inbound: true, id: row.id }));
  for (const row of dataset.sends) {
    if (row.sender_kind === 'campaign') continue;
    events.push({ phone: row.to, ms: row.ms, inbound: false, id: row.message_id, responder: row.sender_kind === 'bot' ? 'bot' : row.agent_id });
  }
  events.sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : a.ms - b.ms || Number(b.inbound) - Number(a.inbound) || (a.id < b.id ? -1 : 1)));
  const result: Turn[] = [];
  let open: Turn | undefined;
  let previous: Event | undefined;
  for (const event of events) {
    if (previous?.phone !== event.phone) open = undefined;
    if (event.inbound) {
      if (!previous || previous.phone !== event.phone || !previous.inbound) {
        open = { phone: event.phone, startMs: event.ms };
        result.push(open);
      }
    } else if (open && open.responder === undefined) {
      open.responder = event.responder;
      open.responseS = (event.ms - open.startMs) / 1000;
      open = undefined;
    }
    previous = event;
  }
  return result;
}

export function responseTimes(dataset: Dataset) {
  const all = turns(dataset);
  const byResponder = new Map<string, number[]>();
  for (const turn of all) {
    if (turn.responder === undefined) continue;
    const list = byResponder.get(turn.responder) ?? [];
    list.push(turn.responseS!);
    byResponder.set(turn.responder, list);
  }
  const agentTimes = [...byResponder].filter(([responder]) => responder !== 'bot').flatMap(([, times]) => times);
  return {
    turns: all.length,
    unansweredShare: all.filter((turn) => turn.responder === undefined).length / all.length,
    agentMedianS: median(agentTimes),
    botMedianS: median(byResponder.get('bot') ?? []),
    agentMeans: Object.fromEntries([...byResponder].filter(([responder]) => responder !== 'bot').map(([responder, times]) => [responder, mean(times)])),
  };
}

/** Campaign message states (METRICS.md: read > delivered > failed > sent), failures and clicks. */
export function campaignEngagement(dataset: Dataset) {
  const statuses = new Map<string, Set<string>>();
  const errors = new Map<string, { code: number; title: string }>();
  for (const status of dataset.statuses) {
    const set = statuses.get(status.id) ?? new Set();
    set.add(status.status);
    statuses.set(status.id, set);
    if (status.errorCode !== undefined) errors.set(status.id, { code: status.errorCode, title: status.errorTitle! });
  }
  const clicked = new Map<string, number>();
  for (const click of dataset.clicks) clicked.set(click.message_id, Math.min(clicked.get(click.message_id) ?? Infinity, click.ms));
  const campaign = dataset.sends.filter((row) => row.sender_kind === 'campaign');
  const state = (id: string) => {
    const set = statuses.get(id) ?? new Set();
    return set.has('read') ? 'read' : set.has('delivered') ? 'delivered' : set.has('failed') ? 'failed' : 'sent';
  };
  let delivered = 0;
  let read = 0;
  let failed = 0;
  const failureCodes = new Map<number, { count: number; titles: Set<string> }>();
  const emoji = { delivered: 0, clicked: 0 };
  const plain = { delivered: 0, clicked: 0 };
  for (const row of campaign) {
    const current = state(row.message_id);
    if (current === 'failed') {
      failed++;
      const error = errors.get(row.message_id)!;
      const entry = failureCodes.get(error.code) ?? { count: 0, titles: new Set() };
      entry.count++;
      entry.titles.add(error.title);
      failureCodes.set(error.code, entry);
    }
    if (current !== 'read' && current !== 'delivered') continue;
    delivered++;
    if (current === 'read') read++;
    const group = extractEmojis(row.text).length > 0 ? emoji : plain;
    group.delivered++;
    const clickMs = clicked.get(row.message_id);
    if (clickMs !== undefined && clickMs - row.ms <= 7 * DAY) group.clicked++;
  }
  return {
    sent: campaign.length,
    deliveryRate: delivered / campaign.length,
    readRate: read / delivered,
    failureRate: failed / campaign.length,
    failureCodes,
    ctrWithEmoji: emoji.clicked / emoji.delivered,
    ctrWithoutEmoji: plain.clicked / plain.delivered,
  };
}

/** A customer's inbound content messages split where two are `gapMs` or more apart. */
export function inboundSessions(dataset: Dataset, gapMs: number): { phone: string; startMs: number; rows: InboundRow[] }[] {
  const sessions: { phone: string; startMs: number; rows: InboundRow[] }[] = [];
  const open = new Map<string, { phone: string; startMs: number; rows: InboundRow[] }>();
  for (const row of [...inboundContent(dataset)].sort((a, b) => a.ms - b.ms)) {
    const current = open.get(row.from);
    if (current && row.ms - current.rows[current.rows.length - 1].ms < gapMs) {
      current.rows.push(row);
      continue;
    }
    const session = { phone: row.from, startMs: row.ms, rows: [row] };
    sessions.push(session);
    open.set(row.from, session);
  }
  return sessions;
}

/** First row of each order (its creation) with the customer's E.164 number. */
export function createdOrders(dataset: Dataset) {
  const orders = new Map<string, { phone: string; createdMs: number; payment: string; paid: boolean; items: string }>();
  for (const row of dataset.orders) {
    const existing = orders.get(row.order_id);
    if (existing) {
      if (row.status === 'paid') existing.paid = true;
      continue;
    }
    orders.set(row.order_id, { phone: orderPhone(row)!, createdMs: Date.parse(row.created_at), payment: row.payment_method, paid: row.status === 'paid', items: row.items });
  }
  return orders;
}

/** Days from the customer's latest chat before an order to the order. */
export function orderDelays(dataset: Dataset): number[] {
  const starts = new Map<string, number[]>();
  for (const session of inboundSessions(dataset, 12 * 3600_000)) starts.set(session.phone, [...(starts.get(session.phone) ?? []), session.startMs]);
  const delays: number[] = [];
  for (const order of createdOrders(dataset).values()) {
    const before = (starts.get(order.phone.slice(1)) ?? []).filter((ms) => ms <= order.createdMs);
    if (before.length > 0) delays.push((order.createdMs - before[before.length - 1]) / DAY);
  }
  return delays;
}

/** Inquiry → paid conversion by the first payment category a customer mentioned. */
export function conversionByPayment(dataset: Dataset) {
  const firstMention = new Map<string, { category: string; ms: number }>();
  for (const row of [...inboundContent(dataset)].sort((a, b) => a.ms - b.ms)) {
    if (firstMention.has(row.from) || !row.text) continue;
    const category = [...keywordCategories(row.text)].find((found) => found.startsWith('payment_'));
    if (category) firstMention.set(row.from, { category, ms: row.ms });
  }
  const paidBy = new Map<string, number[]>();
  for (const order of createdOrders(dataset).values()) {
    if (!order.paid) continue;
    const list = paidBy.get(order.phone.slice(1)) ?? [];
    list.push(order.createdMs);
    paidBy.set(order.phone.slice(1), list);
  }
  const result: Record<string, { customers: number; paid: number; rate: number }> = {};
  for (const [phone, mention] of firstMention) {
    const entry = (result[mention.category] ??= { customers: 0, paid: 0, rate: 0 });
    entry.customers++;
    if ((paidBy.get(phone) ?? []).some((ms) => ms >= mention.ms && ms - mention.ms <= 14 * DAY)) entry.paid++;
  }
  for (const entry of Object.values(result)) entry.rate = entry.paid / entry.customers;
  return result;
}

/** Inbound content messages per local date. */
export function dailyInbound(dataset: Dataset, filter: (row: InboundRow) => boolean = () => true): Map<string, number> {
  const timezone = dataset.truth.generator.timezone;
  const counts = new Map<string, number>();
  for (const row of inboundContent(dataset)) {
    if (!filter(row)) continue;
    const { date } = localParts(row.ms, timezone);
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return counts;
}

export function crmPhones(row: Record<string, string>): string[] {
  return [row.phone, row.mobile_phone].filter(Boolean).map((phone) => e164(phone, row.country)!);
}
