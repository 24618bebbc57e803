import { addDays } from '../../src/churn/dates.js';
import type { FeatureValues, LabeledRow } from '../../src/churn/features.js';
import { sigmoid } from '../../src/churn/logistic.js';
import { random } from '../helpers/random.js';

export function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: () => number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = rng();
  while (u > sum && k < 1000) {
    k++;
    p *= mean / k;
    sum += p;
  }
  return k;
}

/** The churn log-odds the synthetic world runs on: recency matters, but so do sentiment, complaints, waits, an unanswered last message and the trend. */
export function trueLogOdds(f: FeatureValues): number {
  return (
    -2.2 +
    0.045 * (f.days_since_last_inbound ?? 365) -
    0.5 * Math.log1p(f.inbound_30d ?? 0) -
    2.5 * ((f.last_conversation_sentiment ?? 0.5) - 0.5) +
    0.7 * Math.log1p(f.complaints_30d ?? 0) +
    0.5 * Math.log1p((f.median_response_s_30d ?? 120) / 60) +
    0.8 * (f.last_turn_unanswered ?? 0) -
    0.9 * Math.log((f.weekly_rate_ratio ?? 1) + 0.01) -
    0.6 * Math.log1p(f.orders_90d ?? 0)
  );
}

export interface SyntheticRow extends LabeledRow {
  readonly trueProbability: number;
}

/** `customers` customers at each cut-off, features drawn to look like WhatsApp activity, labels drawn from `trueLogOdds`. */
export function syntheticRows(customers: number, cutoffs: readonly string[], seed: number): SyntheticRow[] {
  const rng = random(seed);
  const rows: SyntheticRow[] = [];
  for (const asOf of cutoffs) {
    for (let c = 0; c < customers; c++) {
      const activity = Math.exp(normal(rng) * 0.7);
      const trend = Math.exp(normal(rng) * 0.6);
      const prior = poisson(rng, 4 * activity) / 4;
      const recent = poisson(rng, 4 * activity * trend) / 4;
      const inbound30 = poisson(rng, 6 * activity * trend);
      const inbound7 = Math.min(inbound30, poisson(rng, 1.5 * activity * trend));
      const inbound90 = inbound30 + poisson(rng, 10 * activity);
      const ordered = rng() < 0.6;
      const orders90 = ordered ? poisson(rng, activity) : 0;
      const daysSinceInbound = Math.min(89, Math.floor(-Math.log(1 - rng()) * (8 / (activity * trend))));
      // A customer with fewer than two conversations in 180 days has no usual gap yet.
      const gap = rng() < 0.15 ? null : (7 / activity) * Math.exp(normal(rng) * 0.3);
      const features: FeatureValues = {
        days_since_last_inbound: daysSinceInbound,
        days_since_last_order: ordered ? Math.floor(rng() * 200) : null,
        inbound_7d: inbound7,
        inbound_30d: inbound30,
        inbound_90d: inbound90,
        weekly_rate_recent: recent,
        weekly_rate_prior: prior,
        weekly_rate_ratio: (recent * 4 + 1) / (prior * 4 + 1),
        orders_90d: orders90,
        revenue_90d: orders90 * Math.round(50 + rng() * 400),
        last_conversation_sentiment: rng() < 0.1 ? null : Math.min(1, Math.max(0, 0.55 + normal(rng) * 0.2)),
        complaints_30d: poisson(rng, 0.3),
        median_response_s_30d: inbound30 === 0 ? null : Math.round(Math.exp(4.5 + normal(rng))),
        campaign_unread_share: rng() < 0.2 ? null : rng(),
        last_turn_unanswered: rng() < 0.08 ? 1 : 0,
        interaction_gap_days: gap,
        overdue_ratio: gap === null ? null : Math.min(5, daysSinceInbound / Math.max(gap, 1)),
        rhythm_unknown: gap === null ? 1 : 0,
      };
      const trueProbability = sigmoid(trueLogOdds(features));
      rows.push({ customer_key: `c${c}`, as_of: asOf, features, label: rng() < trueProbability ? 1 : 0, trueProbability });
    }
  }
  return rows;
}

/** Cut-offs every `step` days ending on `last`. */
export function cutoffsEnding(last: string, count: number, step: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(last, -step * (count - 1 - i)));
}
