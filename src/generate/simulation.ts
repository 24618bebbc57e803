/**
 * The day-by-day simulation: each local day, campaign sends go out, then every customer may start
 * conversations (rate × weekday × anomalies × churn decline × recent click), which become webhook
 * messages, send-log lines, delivery statuses, orders days later and shipping notices. Customer
 * state is a few numbers; events wait in day buckets until their day is written.
 */
import type { AnomalyCalendar } from './anomalies.js';
import { CAMPAIGN_READ_RATE, CHURNED_READ_RATE, CLICK_BOOST, CLICK_BOOST_DAYS, planClicks, type Campaign } from './campaigns.js';
import { PRODUCT_TABLE, type Product } from './catalog.js';
import type { LocalCalendar } from './calendar.js';
import { CAMPAIGN_DELIVERY, planDelivery, REPLY_DELIVERY, type DeliveryPlan } from './delivery.js';
import { EventQueue } from './events.js';
import type { Tally, Planted } from './ground-truth.js';
import type { IdFactory } from './ids.js';
import { formatAmount, formatPhone, INTERNATIONAL_STYLES, PHONE_STYLES, priceIn, templateLanguage, type PhoneStyle } from './market.js';
import type { ResolvedOptions } from './options.js';
import { ORDER_PROBABILITY, itemsField, orderDelayMs, planOrder, type PlannedOrder } from './orders.js';
import type { DatasetOutput } from './output.js';
import {
  clickLine,
  contactItem,
  errorObject,
  inboundItem,
  orderLine,
  sendLogLine,
  statusItem,
  UNSUPPORTED_ERROR,
  type BusinessNumber,
  type InboundBody,
  type InboundMessage,
  type Referral,
  type SendLogRecord,
} from './payloads.js';
import type { ConversationCategory, Customer } from './population.js';
import type { Random } from './random.js';
import { drawScenario, planConversation, type PaymentMethod, type Scenario } from './scenarios.js';
import { fill, LANGUAGE_PACKS } from './texts/index.js';
import type { PlannedMessage } from './timeline.js';
import { TimeOfDay, WEEKDAY_VOLUME } from './time-of-day.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Shape of the gaps between a customer's conversations (1 would be a Poisson process). */
const CONVERSATION_REGULARITY = 3;
/** Share of orders placed on the web shop without a chat first (per customer-day, × rate). */
const WEB_ORDER_RATE = 0.05;
const INBOUND_DUPLICATE_SHARE = 0.005;
/** New customers whose first question goes unanswered and who never write again. */
const LOST_LEAD_SHARE = 0.04;
/** A declining customer complains this many times as often as others, and is mostly unhappy. */
const DECLINE_COMPLAINT_FACTOR = 3;
const DECLINE_UNHAPPY_SHARE = 0.65;
/** Chats of a declining customer that end on an unanswered message, after which they stay away. */
const DECLINE_ABANDON_SHARE = 0.25;
/** In the last days of the period a closing message may still be waiting for its answer. */
const OPEN_AT_END_DAYS = 7;
const OPEN_AT_END_SHARE = 0.2;
const CATALOG_ID = '880000000000001';
/** Orders whose foreign number was typed in local form anyway: unreadable without a country (expected rejects). */
const FOREIGN_LOCAL_PHONE_SHARE = 0.01;
const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/WhatsApp]',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36',
];

export interface SimulationContext {
  options: ResolvedOptions;
  calendar: LocalCalendar;
  customers: Customer[];
  campaigns: readonly Campaign[];
  anomalies: AnomalyCalendar;
  output: DatasetOutput;
  ids: IdFactory;
  random: Random;
  number: BusinessNumber;
  tally: Tally;
  planted: Planted;
}

export class Simulation {
  private readonly queue: EventQueue;
  private readonly timeOfDay = new TimeOfDay();
  private readonly random: Random;

  constructor(private readonly context: SimulationContext) {
    this.queue = new EventQueue(context.calendar);
    this.random = context.random;
  }

  get eventsBeyondEnd(): number {
    return this.queue.beyondEnd;
  }

  async run(): Promise<void> {
    const { calendar, customers, campaigns, output, options, tally } = this.context;
    let nextCampaign = 0;
    for (let day = 0; day < calendar.days; day++) {
      while (nextCampaign < campaigns.length && campaigns[nextCampaign].day === day) this.sendCampaign(campaigns[nextCampaign++]);
      for (const customer of customers) this.customerDay(customer, day);
      await output.writeDay(calendar.date(day), this.queue.take(day));
      options.onProgress?.(day + 1, calendar.days);
    }
    for (const customer of customers) tally.customerMonths += (calendar.days - customer.joinDay) / 30.44;
  }

  private customerDay(customer: Customer, day: number): void {
    if (day < customer.joinDay || this.gone(customer, day)) return;
    const { anomalies, calendar } = this.context;
    const random = this.random;
    const boost = customer.state.boostUntilDay >= day ? CLICK_BOOST : 1;
    const volume = anomalies.factor('volume_drop', day);
    let count = this.conversationsToday(customer, customer.rate * WEEKDAY_VOLUME[calendar.weekday(day)] * volume * this.activity(customer, day) * boost);
    const anchored = customer.anchor?.day === day;
    // A new customer's first chat happens on the first normal day from joining (not during an outage).
    const firstContact = customer.joinDay > 0 && !customer.state.contacted && volume === 1;
    // Many churners' decline starts with a bad experience: a complaint, written unhappily.
    const badExperience = customer.churn?.declineStartDay === day && customer.churn.startsWithComplaint;
    if (anchored || firstContact || badExperience) count = Math.max(count, 1);
    if (count > 0) {
      const seconds: number[] = [];
      for (let i = 0; i < count; i++) seconds.push(this.timeOfDay.drawSecond(calendar.weekday(day), random));
      seconds.sort((a, b) => a - b);
      seconds.forEach((second, i) => this.conversation(customer, day, second, anchored && i === 0 ? customer.anchor!.product : undefined, badExperience && i === 0));
    }
    if (random.chance(customer.rate * WEB_ORDER_RATE * this.activity(customer, day))) {
      const createdMs = calendar.at(day, this.timeOfDay.drawSecond(calendar.weekday(day), random));
      this.placeOrder(customer, createdMs, random.chance(0.4) ? customer.favorite : PRODUCT_TABLE.draw(random), customer.payment);
    }
  }

  /**
   * Conversations start when the customer's clock, advanced by each day's expected count, passes
   * the next mark; marks are gamma-distributed (shape CONVERSATION_REGULARITY, mean 1) apart. The
   * mean is the rate's, as with a Poisson count, but real customers write with some regularity: a
   * regular who goes quiet for two months is news, not chance. The first mark falls anywhere in
   * one gap, as if the customer had been writing before the data starts.
   */
  private conversationsToday(customer: Customer, expected: number): number {
    const state = customer.state;
    if (Number.isNaN(state.nextConversationAt)) state.nextConversationAt = this.random.gammaMeanOne(CONVERSATION_REGULARITY) * this.random.next();
    state.conversationClock += expected;
    let count = 0;
    while (state.conversationClock >= state.nextConversationAt) {
      count++;
      state.nextConversationAt += this.random.gammaMeanOne(CONVERSATION_REGULARITY);
    }
    return count;
  }

  /** 1 normally; falling linearly to 0.15 over a churner's decline. */
  private activity(customer: Customer, day: number): number {
    const churn = customer.churn;
    if (!churn || day < churn.declineStartDay) return 1;
    return 1 - (0.85 * (day - churn.declineStartDay)) / (churn.churnDay - churn.declineStartDay);
  }

  private declining(customer: Customer, day: number): boolean {
    return customer.churn !== undefined && day >= customer.churn.declineStartDay;
  }

  /** Churned, or went silent after an unanswered message. */
  private gone(customer: Customer, day: number): boolean {
    return customer.state.silent || (customer.churn !== undefined && day >= customer.churn.churnDay);
  }

  private abandonment(customer: Customer, day: number, declining: boolean): 'first_turn' | 'last_turn' | undefined {
    const random = this.random;
    if (customer.joinDay > 0 && !customer.state.contacted && random.chance(LOST_LEAD_SHARE)) return 'first_turn';
    if (declining && random.chance(DECLINE_ABANDON_SHARE)) return 'last_turn';
    if (day >= this.context.calendar.days - OPEN_AT_END_DAYS && random.chance(OPEN_AT_END_SHARE)) return 'last_turn';
    return undefined;
  }

  private conversation(customer: Customer, day: number, second: number, anchorProduct: Product | undefined, complaint = false): void {
    const { calendar, anomalies, tally, options } = this.context;
    const random = this.random;
    const state = customer.state;
    let startMs = calendar.at(day, second);
    if (startMs < state.busyUntil) startMs = state.busyUntil + random.uniform(10, 90) * MINUTE;
    const declining = this.declining(customer, day);
    const lastOrder = state.lastOrder && state.lastOrder.createdMs <= startMs ? state.lastOrder : undefined;
    const recentOrder = lastOrder !== undefined && startMs - lastOrder.createdMs < 21 * DAY;
    const scenario: Scenario = anchorProduct
      ? 'sales'
      : complaint
        ? 'complaint'
        : drawScenario(random, { recentOrder, complaintFactor: anomalies.factor('complaint_spike', calendar.dayOf(startMs)) * (declining ? DECLINE_COMPLAINT_FACTOR : 1) });
    const product = anchorProduct ?? (random.chance(0.35) ? customer.favorite : PRODUCT_TABLE.draw(random));
    const sales = scenario === 'sales';
    const mentionPayment = sales && random.chance(state.salesConversations === 0 ? 0.7 : 0.3) ? this.mentionedPayment(customer) : undefined;
    const abandon = anchorProduct ? undefined : this.abandonment(customer, day, declining);
    const willBuy = sales && abandon !== 'first_turn' && (anchorProduct !== undefined || random.chance(ORDER_PROBABILITY[customer.payment] * (declining ? 0.35 : 1)));
    const language = customer.language;
    const plan = planConversation({
      random,
      language,
      scenario,
      product,
      unhappy: complaint || (declining && random.chance(DECLINE_UNHAPPY_SHARE)),
      priceSensitive: customer.priceSensitive,
      mentionPayment,
      willBuy,
      abandon,
      startMs,
      vars: {
        product: product.name[language],
        size: product.size ?? '',
        price: formatAmount(priceIn(product.hkdCents, customer.currency), customer.currency),
        currency: customer.currency,
        order: lastOrder?.id ?? `A${random.int(200, 999)}`,
        first: customer.name.first,
        business: language === 'es' ? options.businessNames.es : options.businessNames.en,
      },
    });
    tally.conversations[scenario]++;
    if (plan.csatScore !== undefined) {
      tally.csatAnswers++;
      tally.csatTotal += plan.csatScore;
    }
    this.emitConversation(customer, plan.messages);
    state.busyUntil = plan.endMs + 30 * MINUTE;
    state.silent = abandon !== undefined;
    if (sales) state.salesConversations++;
    if (willBuy) {
      const delay = anchorProduct ? Math.min(orderDelayMs(random), 5 * DAY) : orderDelayMs(random);
      const payment = anchorProduct || random.chance(0.92) ? customer.payment : this.otherPayment(customer.payment);
      const order = this.placeOrder(customer, startMs + delay, product, payment);
      if (order && anchorProduct) this.context.planted.identityOrders.set(customer.index, { orderId: order.id, createdMs: order.createdMs });
    }
  }

  private mentionedPayment(customer: Customer): PaymentMethod {
    return this.random.chance(0.9) ? customer.payment : this.otherPayment(customer.payment);
  }

  private otherPayment(preferred: PaymentMethod): PaymentMethod {
    const others = (['card', 'cod', 'transfer'] as const).filter((method) => method !== preferred);
    return this.random.pick(others);
  }

  /** Turns a planned conversation into webhook messages, send-log lines and delivery statuses. */
  private emitConversation(customer: Customer, messages: readonly PlannedMessage[]): void {
    const { ids, number, tally } = this.context;
    const arrivals = this.inboundArrivals(messages);
    const messageIds: string[] = [];
    messages.forEach((message, index) => {
      if (message.from === 'customer') {
        const id = ids.messageId(customer.waId, true);
        messageIds.push(id);
        const body = this.inboundBody(customer, message, messageIds);
        const referral = !customer.state.contacted && customer.referral ? this.referral() : undefined;
        customer.state.contacted = true;
        const context = message.replyTo !== undefined ? { from: number.displayPhoneNumber, id: messageIds[message.replyTo] } : undefined;
        if (this.emitInbound(customer, { from: customer.waId, id, ms: message.at, body, context, referral }, arrivals[index])) {
          tally.inbound++;
          if (body.type !== 'reaction' && body.type !== 'unsupported') tally.inboundContent++;
        }
        return;
      }
      const id = ids.messageId(customer.waId, false);
      messageIds.push(id);
      const survey = message.content.type === 'csat_survey';
      const text = message.content.type === 'text' || message.content.type === 'csat_survey' ? message.content.text : '';
      const record: SendLogRecord = {
        messageId: id,
        to: customer.waId,
        ms: message.at,
        senderKind: message.from,
        agentId: message.agentId,
        type: survey ? 'interactive' : 'text',
        text,
      };
      if (!this.emitOutbound(customer, record, planDelivery(this.random, message.at, { ...REPLY_DELIVERY, readProbability: 0.92 }), 'service')) return;
      if (survey) tally.csatSurveys++;
      if (message.from === 'agent') tally.agent++;
      else tally.bot++;
    });
  }

  /**
   * When each customer message reaches the webhook: within a second or two; two messages written
   * within a minute sometimes travel in one request (the first then arrives with the second).
   */
  private inboundArrivals(messages: readonly PlannedMessage[]): number[] {
    const arrivals = messages.map((message) => (message.from === 'customer' ? message.at + this.random.uniform(300, 1500) : message.at));
    for (let i = messages.length - 2; i >= 0; i--) {
      const [first, second] = [messages[i], messages[i + 1]];
      if (first.from === 'customer' && second.from === 'customer' && second.at - first.at < 60_000 && this.random.chance(0.4)) arrivals[i] = arrivals[i + 1];
    }
    return arrivals;
  }

  private inboundBody(customer: Customer, message: PlannedMessage, messageIds: readonly string[]): InboundBody {
    const { ids } = this.context;
    const content = message.content;
    switch (content.type) {
      case 'text':
        return { type: 'text', text: { body: content.text } };
      case 'image':
        return { type: 'image', image: { caption: content.caption, mime_type: 'image/jpeg', sha256: ids.sha256(), id: ids.mediaId() } };
      case 'audio':
        return { type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: ids.sha256(), id: ids.mediaId(), voice: true } };
      case 'sticker':
        return { type: 'sticker', sticker: { mime_type: 'image/webp', sha256: ids.sha256(), id: ids.mediaId(), animated: false } };
      case 'unsupported':
        return { type: 'unsupported', errors: [errorObject(UNSUPPORTED_ERROR)] };
      case 'reaction':
        return { type: 'reaction', reaction: { message_id: messageIds[content.target], emoji: content.emoji } };
      case 'csat_reply': {
        const title = LANGUAGE_PACKS[customer.language].csatTitles[content.score - 1];
        return { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: `csat_${content.score}`, title } } };
      }
      case 'catalog_order': {
        const unitCents = priceIn(content.product.hkdCents, customer.currency);
        const item = { product_retailer_id: content.product.sku, quantity: content.quantity, item_price: unitCents / 100, currency: customer.currency };
        return { type: 'order', order: { catalog_id: CATALOG_ID, product_items: [item] } };
      }
      case 'csat_survey':
        throw new Error('a survey is sent by the shop, not by the customer');
    }
  }

  private referral(): Referral {
    const random = this.random;
    return {
      source_url: 'https://fb.me/ad-example',
      source_id: `1202000000000${random.digits(5)}`,
      source_type: 'ad',
      headline: random.pick(['Rebajas de invierno', 'New arrivals', '新品上架']),
      body: random.pick(['Hasta 30% de descuento', 'Free shipping over 500 HKD', '滿500免運費']),
      ctwa_clid: `ARA${random.hex(24, true)}`,
    };
  }

  private emitInbound(customer: Customer, message: InboundMessage, arrival: number): boolean {
    const item = inboundItem(message);
    const contact = contactItem(customer.profileName, customer.waId);
    if (!this.queue.push({ kind: 'message', at: arrival, contact, item })) return false;
    if (this.random.chance(INBOUND_DUPLICATE_SHARE) && this.queue.push({ kind: 'message', at: arrival + this.random.uniform(5, 7200) * 1000, contact, item })) {
      this.context.tally.inboundDuplicates++;
    }
    return true;
  }

  /** A send-log line and the message's status webhooks, priced in the customer's open conversation. False when sent after the period. */
  private emitOutbound(customer: Customer, record: SendLogRecord, delivery: DeliveryPlan, category: ConversationCategory): boolean {
    const { number, tally } = this.context;
    if (!this.queue.push({ kind: 'send', at: record.ms, line: sendLogLine(number, record) })) return false;
    for (const status of delivery.statuses) {
      const priced = status.status === 'sent' || status.status === 'delivered';
      const conversation = priced ? this.pricingConversation(customer, category, status.ms, status.status === 'sent') : undefined;
      const item = statusItem({ messageId: record.messageId, status: status.status, ms: status.ms, recipient: customer.waId, conversation, error: status.error });
      status.arrivals.forEach((arrival, copy) => {
        if (!this.queue.push({ kind: 'status', at: arrival, item })) return;
        tally.statusEvents++;
        if (copy > 0) tally.statusDuplicates++;
        else if (arrival - status.ms > 10 * MINUTE) tally.statusLate++;
      });
    }
    return true;
  }

  /** The 24-hour pricing conversation a status belongs to; a new one opens when none is open. */
  private pricingConversation(customer: Customer, category: ConversationCategory, ms: number, opening: boolean) {
    const windows = customer.state.windows;
    const open = windows[category];
    if (open && ms < open.expiresMs) return { id: open.id, category };
    const window = { id: this.context.ids.conversationId(), expiresMs: ms + DAY };
    windows[category] = window;
    return { id: window.id, category, expiresMs: opening ? window.expiresMs : undefined };
  }

  private sendCampaign(campaign: Campaign): void {
    const { calendar, customers, ids, output, tally } = this.context;
    const random = this.random;
    const startMs = calendar.at(campaign.day, campaign.startSecond);
    let position = 0;
    for (const customer of customers) {
      if (customer.joinDay > campaign.day || !customer.optedIn || customer.alias || !random.chance(campaign.reach)) continue;
      const sentMs = startMs + position++ * 150 + random.uniform(0, 100);
      const id = ids.messageId(customer.waId, false);
      const withEmoji = random.chance(0.5);
      const token = ids.linkToken();
      const copy = LANGUAGE_PACKS[customer.language].campaigns[campaign.theme];
      const text = fill(withEmoji ? copy.emoji : copy.plain, { url: `https://t.example/l/${token}`, product: campaign.product.name[customer.language] });
      output.trackedLink(token, campaign.url, id);
      const churned = this.gone(customer, campaign.day);
      const readProbability = churned ? CHURNED_READ_RATE : CAMPAIGN_READ_RATE;
      const delivery = planDelivery(random, sentMs, { ...CAMPAIGN_DELIVERY, readProbability });
      const template = { name: campaign.name, category: 'marketing' as const, language: templateLanguage(customer.country, customer.language) };
      if (!this.emitOutbound(customer, { messageId: id, to: customer.waId, ms: sentMs, senderKind: 'campaign', type: 'template', template, text }, delivery, 'marketing')) continue;
      tally.marketing++;
      this.countCampaignState(delivery);
      if (delivery.state === 'delivered' || delivery.state === 'read') (withEmoji ? tally.emoji : tally.plain).delivered++;
      const clicks = churned ? [] : planClicks(random, delivery.readMs, readProbability, withEmoji);
      if (clicks.length > 0) {
        (withEmoji ? tally.emoji : tally.plain).clicked++;
        customer.state.boostUntilDay = Math.max(customer.state.boostUntilDay, calendar.dayOf(clicks[0]) + CLICK_BOOST_DAYS);
      }
      for (const clickMs of clicks) {
        const userAgent = random.chance(0.7) ? random.pick(USER_AGENTS) : undefined;
        if (this.queue.push({ kind: 'click', at: clickMs, line: clickLine({ clickId: ids.clickId(), token, messageId: id, url: campaign.url, ms: clickMs, userAgent }) })) tally.clicks++;
      }
    }
  }

  private countCampaignState(delivery: DeliveryPlan): void {
    const { tally } = this.context;
    tally.campaignStates[delivery.state]++;
    const failure = delivery.statuses.find((status) => status.error)?.error;
    if (failure) tally.failuresByCode[String(failure.code)] = (tally.failuresByCode[String(failure.code)] ?? 0) + 1;
  }

  /** Plans an order and its rows; nothing once the customer has churned. */
  private placeOrder(customer: Customer, createdMs: number, product: Product, payment: PaymentMethod): PlannedOrder | undefined {
    const { calendar, ids, planted, tally } = this.context;
    const random = this.random;
    const churn = customer.churn;
    if (churn && createdMs >= calendar.dayStartMs(churn.churnDay)) return undefined;
    const order = planOrder(random, ids, Math.round(createdMs), product, payment, customer.currency);
    const style = this.orderPhoneStyle(customer);
    const phone = formatPhone(customer.phone, style);
    const row = (status: string, ms: number) =>
      orderLine({ orderId: order.id, phone, createdMs: order.createdMs, updatedMs: ms, status, payment, currency: order.currency, total: formatAmount(order.totalCents, order.currency), items: itemsField(order) });
    const rowsBefore = tally.orderRows;
    for (const version of order.versions) if (this.queue.push({ kind: 'order', at: version.ms, line: row(version.status, version.ms) })) tally.orderRows++;
    // Only an order whose rows fall inside the period is in the file to be rejected.
    if (style === 'local' && customer.country !== this.context.options.homeRegion && tally.orderRows > rowsBefore) planted.unreadableOrderPhones.push(order.id);
    if (order.conflict && this.queue.push({ kind: 'order', at: order.conflict.ms, line: row(order.conflict.status, order.conflict.ms) })) {
      planted.conflictingOrders.push(order.id);
      tally.orderRows++;
    }
    if (order.createdMs < calendar.endMs) {
      tally.orders[payment].orders++;
      if (order.paidMs !== undefined && order.paidMs < calendar.endMs) tally.orders[payment].paid++;
    }
    if (order.paidMs !== undefined) customer.state.spentHkdCents += order.lines.reduce((sum, line) => sum + line.quantity * line.product.hkdCents, 0);
    customer.state.lastOrder = { id: order.id, createdMs: order.createdMs };
    if (order.fulfilledMs !== undefined) this.shippingNotice(customer, order);
    return order;
  }

  /** How the shop typed the phone; a foreign number in local form cannot be read back. */
  private orderPhoneStyle(customer: Customer): PhoneStyle {
    const random = this.random;
    if (customer.country === this.context.options.homeRegion) return PHONE_STYLES.draw(random);
    return random.chance(FOREIGN_LOCAL_PHONE_SHARE) ? 'local' : INTERNATIONAL_STYLES.draw(random);
  }

  /** The utility template that tells the customer the parcel left. */
  private shippingNotice(customer: Customer, order: PlannedOrder): void {
    const { ids, tally } = this.context;
    const random = this.random;
    const sentMs = order.fulfilledMs! + random.uniform(1, 30) * MINUTE;
    const text = fill(LANGUAGE_PACKS[customer.language].orderShipped, { order: order.id });
    const template = { name: 'order_shipped', category: 'utility' as const, language: templateLanguage(customer.country, customer.language) };
    const delivery = planDelivery(random, sentMs, { ...CAMPAIGN_DELIVERY, readProbability: 0.9 });
    const record: SendLogRecord = { messageId: ids.messageId(customer.waId, false), to: customer.waId, ms: sentMs, senderKind: 'campaign', type: 'template', template, text };
    if (!this.emitOutbound(customer, record, delivery, 'utility')) return;
    tally.utility++;
    this.countCampaignState(delivery);
  }
}
