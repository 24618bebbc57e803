/**
 * ground-truth.json: what the generator planted (churners, anomalies, second numbers, conflicts),
 * the behaviour it was designed to show, and what it actually emitted, so models, alerts and
 * tests can be scored against the truth instead of against themselves.
 */
import { AGENTS, BOT_MEDIAN_S, designedMeanSeconds } from './agents.js';
import type { Anomaly } from './anomalies.js';
import { CAMPAIGN_READ_RATE, CTR_WITH_EMOJI, CTR_WITHOUT_EMOJI } from './campaigns.js';
import type { LocalCalendar } from './calendar.js';
import { CAMPAIGN_DELIVERY, CAMPAIGN_ERROR_MIX, DUPLICATE_SHARE, ERRORS, LATE_SHARE } from './delivery.js';
import { crmId } from './ids.js';
import type { ResolvedOptions } from './options.js';
import { CRM_CONFLICT_SHARE, POSTAL_CODE_MISSING_SHARE } from './crm.js';
import { ORDER_CONFLICT_SHARE, ORDER_DELAY_MEDIAN_DAYS, ORDER_PROBABILITY, PAYMENT_COMPLETION } from './orders.js';
import { CHURN_SHARE, CRM_SECOND_PHONE_SHARE, LOOK_ALIKE_SHARE, type Customer } from './population.js';
import type { PaymentMethod, Scenario } from './scenarios.js';
import { DEFAULT_TIME_OF_DAY } from './time-of-day.js';

/** Counts of what was emitted, filled in while the simulation runs. */
export class Tally {
  customerMonths = 0;
  inbound = 0;
  inboundContent = 0;
  agent = 0;
  bot = 0;
  marketing = 0;
  utility = 0;
  conversations: Record<Scenario, number> = { sales: 0, logistics: 0, complaint: 0, handoff: 0, faq: 0, returns: 0 };
  csatSurveys = 0;
  csatAnswers = 0;
  csatTotal = 0;
  statusEvents = 0;
  statusDuplicates = 0;
  statusLate = 0;
  inboundDuplicates = 0;
  campaignStates: Record<'sent' | 'delivered' | 'read' | 'failed', number> = { sent: 0, delivered: 0, read: 0, failed: 0 };
  failuresByCode: Record<string, number> = {};
  emoji = { delivered: 0, clicked: 0 };
  plain = { delivered: 0, clicked: 0 };
  clicks = 0;
  orders: Record<PaymentMethod, { orders: number; paid: number }> = { card: { orders: 0, paid: 0 }, cod: { orders: 0, paid: 0 }, transfer: { orders: 0, paid: 0 } };
  orderRows = 0;
  crmRows = 0;
  crmMissingPostal = 0;
}

export interface IdentityOrder {
  orderId: string;
  createdMs: number;
}

export interface Planted {
  conflictingOrders: string[];
  /** Orders whose foreign number is typed in local form: no country column tells which country. */
  unreadableOrderPhones: string[];
  conflictingContacts: string[];
  /** Anchor orders of look-alike pairs, by customer index. */
  identityOrders: Map<number, IdentityOrder>;
  exports: ExportEntry[];
}

export interface ExportEntry {
  file: string;
  platform: 'android' | 'ios';
  /** Saved contacts appear by name; unsaved ones by number, in the chat and in the file name. */
  contact_saved: boolean;
  customer_phone: string;
  customer_name: string;
  business_name: string;
  messages: number;
}

export function buildGroundTruth(
  options: ResolvedOptions,
  calendar: LocalCalendar,
  customers: readonly Customer[],
  anomalies: readonly Anomaly[],
  tally: Tally,
  planted: Planted,
) {
  const date = (ms: number) => calendar.date(calendar.dayOf(ms));
  const people = customers.filter((customer) => !customer.alias);
  const campaignSent = tally.campaignStates.sent + tally.campaignStates.delivered + tally.campaignStates.read + tally.campaignStates.failed;
  const delivered = tally.campaignStates.delivered + tally.campaignStates.read;
  const contentMessages = tally.inboundContent + tally.agent + tally.bot + tally.marketing + tally.utility;
  return {
    generator: {
      format: 1,
      seed: options.seed,
      customers: options.customers,
      days: options.days,
      start_date: calendar.date(0),
      end_date: calendar.date(calendar.days - 1),
      timezone: options.timezone,
      market: options.market,
      home_region: options.homeRegion,
      gzip: options.gzip,
      business_names: options.businessNames,
    },
    design: {
      conversations_per_customer_month: options.conversationsPerMonth,
      weekday_peak: { hours: '14:00-16:00', share_of_weekday_starts: DEFAULT_TIME_OF_DAY.weekdayPeakShare },
      tuesday_peak: { hours: '10:00-12:00', boost_vs_other_weekdays: DEFAULT_TIME_OF_DAY.tuesdayBoost },
      agents: AGENTS.map((agent) => ({ agent_id: agent.id, median_response_s: agent.medianS, mean_response_s: Math.round(designedMeanSeconds(agent)), slow: designedMeanSeconds(agent) > 360 })),
      bot_median_response_s: BOT_MEDIAN_S,
      campaign: {
        failure_rate: CAMPAIGN_DELIVERY.failureRate,
        stuck_sent_rate: CAMPAIGN_DELIVERY.stuckRate,
        read_rate: CAMPAIGN_READ_RATE,
        ctr_with_emoji: CTR_WITH_EMOJI,
        ctr_without_emoji: CTR_WITHOUT_EMOJI,
        error_mix: Object.fromEntries(CAMPAIGN_ERROR_MIX.map(([code, weight]) => [String(code), { share: weight, title: ERRORS[code].title }])),
      },
      statuses: { late_share: LATE_SHARE, duplicate_share: DUPLICATE_SHARE },
      orders: {
        delay_median_days: ORDER_DELAY_MEDIAN_DAYS,
        order_probability_after_sales_chat: ORDER_PROBABILITY,
        payment_completion: PAYMENT_COMPLETION,
        equal_updated_at_conflict_share: ORDER_CONFLICT_SHARE,
      },
      crm: { postal_code_missing_share: POSTAL_CODE_MISSING_SHARE, equal_updated_at_conflict_share: CRM_CONFLICT_SHARE },
      churn: { share_of_customers: CHURN_SHARE },
      identity: { look_alike_second_number_share: LOOK_ALIKE_SHARE, crm_second_phone_share: CRM_SECOND_PHONE_SHARE },
    },
    observed: {
      people: people.length,
      second_numbers: customers.length - people.length,
      customer_months: round(tally.customerMonths, 2),
      content_messages: contentMessages,
      messages_per_customer_month: round(contentMessages / tally.customerMonths, 3),
      messages: { inbound: tally.inbound, inbound_content: tally.inboundContent, agent: tally.agent, bot: tally.bot, campaign_marketing: tally.marketing, campaign_utility: tally.utility },
      conversations: tally.conversations,
      csat: { surveys: tally.csatSurveys, answers: tally.csatAnswers, mean: tally.csatAnswers ? round(tally.csatTotal / tally.csatAnswers, 3) : null },
      statuses: { webhook_items: tally.statusEvents, duplicates: tally.statusDuplicates, late: tally.statusLate },
      inbound_duplicates: tally.inboundDuplicates,
      campaign: {
        sent: campaignSent,
        delivered,
        read: tally.campaignStates.read,
        failed: tally.campaignStates.failed,
        delivery_rate: round(delivered / campaignSent, 4),
        failure_rate: round(tally.campaignStates.failed / campaignSent, 4),
        failures_by_code: tally.failuresByCode,
        ctr_with_emoji: round(tally.emoji.clicked / tally.emoji.delivered, 4),
        ctr_without_emoji: round(tally.plain.clicked / tally.plain.delivered, 4),
        clicks: tally.clicks,
      },
      orders: { by_payment: tally.orders, rows: tally.orderRows },
      crm: { rows: tally.crmRows, missing_postal_code: tally.crmMissingPostal },
    },
    churn: {
      label: 'from churn_date on, the customer sends no message and places no order',
      customers: customers
        .filter((customer) => customer.churn)
        .map((customer) => ({
          customer_phone: customer.phone,
          decline_start_date: calendar.date(customer.churn!.declineStartDay),
          churn_date: calendar.date(customer.churn!.churnDay),
        })),
    },
    anomalies: anomalies.map((anomaly) => ({
      kind: anomaly.kind,
      first_date: calendar.date(anomaly.firstDay),
      last_date: calendar.date(anomaly.lastDay),
      factor: anomaly.factor,
    })),
    identity: {
      look_alike_numbers: customers
        .filter((customer) => customer.alias?.via === 'name_and_sku')
        .map((second) => {
          const primary = customers[second.alias!.of];
          const primaryOrder = planted.identityOrders.get(primary.index);
          const secondOrder = planted.identityOrders.get(second.index);
          return {
            primary_phone: primary.phone,
            second_phone: second.phone,
            primary_name: primary.profileName,
            second_name: second.profileName,
            shared_sku: second.anchor!.product.sku,
            primary_order: primaryOrder ? { order_id: primaryOrder.orderId, date: date(primaryOrder.createdMs) } : null,
            second_order: secondOrder ? { order_id: secondOrder.orderId, date: date(secondOrder.createdMs) } : null,
          };
        }),
      crm_listed_numbers: customers
        .filter((customer) => customer.alias?.via === 'crm')
        .map((second) => {
          const primary = customers[second.alias!.of];
          return { crm_id: crmId(primary.crmSerial!), primary_phone: primary.phone, second_phone: second.phone };
        }),
    },
    conflicts: { orders: planted.conflictingOrders, crm_contacts: planted.conflictingContacts },
    expected_rejects: { orders_with_unreadable_phone: [...new Set(planted.unreadableOrderPhones)] },
    chat_exports: planted.exports,
  };
}

export type GroundTruth = ReturnType<typeof buildGroundTruth>;

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
