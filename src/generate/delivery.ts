/**
 * What happens to a message the shop sends: sent, delivered (at once or when the phone comes
 * back online), read or not, or failed with a real Cloud API error. Each status also gets the
 * time(s) its webhook arrives: usually within seconds, sometimes hours late, sometimes twice.
 */
import { WeightedTable, type Random } from './random.js';

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface CloudApiError {
  code: number;
  title: string;
  details: string;
}

/** The Cloud API errors the generator plants, with Meta's titles and details. */
export const ERRORS: Record<number, CloudApiError> = {
  131026: { code: 131026, title: 'Message undeliverable', details: 'Message Undeliverable.' },
  131047: {
    code: 131047,
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131048: {
    code: 131048,
    title: 'Spam rate limit hit',
    details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.',
  },
  131056: {
    code: 131056,
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  130429: {
    code: 130429,
    title: 'Rate limit hit',
    details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time.',
  },
  470: {
    code: 470,
    title: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
};

export const CAMPAIGN_ERROR_MIX: ReadonlyArray<readonly [number, number]> = [
  [131026, 0.4],
  [131047, 0.12],
  [131048, 0.14],
  [131056, 0.1],
  [130429, 0.16],
  [470, 0.08],
];
const REPLY_ERROR_MIX: ReadonlyArray<readonly [number, number]> = [
  [131026, 0.7],
  [131047, 0.3],
];

export interface DeliveryProfile {
  failureRate: number;
  /** Share of messages that stay "sent" (the phone never comes back in the period). */
  stuckRate: number;
  /** Share delivered only when the phone comes back online, minutes to hours later. */
  offlineShare: number;
  readProbability: number;
  readMedianS: number;
  readSigma: number;
  errors: WeightedTable<number>;
}

export const REPLY_DELIVERY: Omit<DeliveryProfile, 'readProbability'> = {
  failureRate: 0.004,
  stuckRate: 0.002,
  offlineShare: 0.05,
  readMedianS: 30,
  readSigma: 1.2,
  errors: new WeightedTable(REPLY_ERROR_MIX),
};

export const CAMPAIGN_DELIVERY: Omit<DeliveryProfile, 'readProbability'> = {
  failureRate: 0.03,
  stuckRate: 0.004,
  offlineShare: 0.3,
  readMedianS: 25 * 60,
  readSigma: 1.4,
  errors: new WeightedTable(CAMPAIGN_ERROR_MIX),
};

export interface PlannedStatus {
  status: StatusName;
  ms: number;
  /** When each copy of the webhook arrives (a second entry is a duplicate delivery). */
  arrivals: number[];
  error?: CloudApiError;
}

export interface DeliveryPlan {
  statuses: PlannedStatus[];
  state: StatusName;
  deliveredMs?: number;
  readMs?: number;
}

export const LATE_SHARE = 0.025;
export const DUPLICATE_SHARE = 0.015;

export function planDelivery(random: Random, sentMs: number, profile: DeliveryProfile): DeliveryPlan {
  const statuses: PlannedStatus[] = [];
  const sentStatusMs = sentMs + random.uniform(300, 2500);
  if (random.chance(profile.failureRate)) {
    if (random.chance(0.5)) statuses.push(planned(random, 'sent', sentStatusMs));
    statuses.push(planned(random, 'failed', sentStatusMs + random.uniform(500, 30_000), ERRORS[profile.errors.draw(random)]));
    return { statuses, state: 'failed' };
  }
  statuses.push(planned(random, 'sent', sentStatusMs));
  if (random.chance(profile.stuckRate)) return { statuses, state: 'sent' };
  const deliveredMs = random.chance(profile.offlineShare)
    ? sentStatusMs + random.logNormal(40 * 60, 1.2) * 1000
    : sentStatusMs + random.uniform(300, 8000);
  statuses.push(planned(random, 'delivered', deliveredMs));
  if (!random.chance(profile.readProbability)) return { statuses, state: 'delivered', deliveredMs };
  const readMs = deliveredMs + Math.max(1, random.logNormal(profile.readMedianS, profile.readSigma)) * 1000;
  statuses.push(planned(random, 'read', readMs));
  return { statuses, state: 'read', deliveredMs, readMs };
}

function planned(random: Random, status: StatusName, ms: number, error?: CloudApiError): PlannedStatus {
  return { status, ms, arrivals: arrivals(random, ms), error };
}

function arrivals(random: Random, ms: number): number[] {
  let first = ms + random.uniform(200, 2500);
  if (random.chance(LATE_SHARE)) first += random.logNormal(90 * 60, 1.1) * 1000;
  if (!random.chance(DUPLICATE_SHARE)) return [first];
  return [first, first + random.uniform(2, 4 * 3600) * 1000];
}
