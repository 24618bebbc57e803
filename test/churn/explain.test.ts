import { describe, expect, it } from 'vitest';
import { DAYS_CAP, FEATURE_NAMES, type FeatureValues } from '../../src/churn/features.js';
import { explainScore, type ModelFeature } from '../../src/churn/model.js';
import { reasonsFor } from '../../src/churn/reasons.js';
import { isRecoveryCandidate, riskBand } from '../../src/churn/rule.js';
import { fitScaling, standardize } from '../../src/churn/scaling.js';

function values(overrides: Partial<Record<keyof FeatureValues, number | null>> = {}): FeatureValues {
  const base = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Record<keyof FeatureValues, number | null>;
  return { ...base, ...overrides };
}

function rows(list: FeatureValues[]) {
  return list.map((features, i) => ({ customer_key: `c${i}`, as_of: '2026-01-01', features }));
}

describe('feature scaling', () => {
  const scaling = fitScaling(
    rows([
      values({ days_since_last_inbound: 2, days_since_last_order: null, inbound_30d: 0, last_conversation_sentiment: 0.2 }),
      values({ days_since_last_inbound: 4, days_since_last_order: 400, inbound_30d: Math.E - 1, last_conversation_sentiment: null }),
      values({ days_since_last_inbound: 6, days_since_last_order: 5, inbound_30d: Math.E ** 2 - 1, last_conversation_sentiment: 0.6 }),
    ]),
  );
  const byName = Object.fromEntries(scaling.map((feature) => [feature.name, feature]));

  it('stores the mean and population standard deviation of each feature', () => {
    expect(byName.days_since_last_inbound).toMatchObject({ mean: 4, cap: DAYS_CAP, transform: 'none' });
    expect(byName.days_since_last_inbound.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });

  it('counts "never ordered" and anything beyond a year as the cap', () => {
    expect(byName.days_since_last_order.mean).toBeCloseTo((365 + 365 + 5) / 3, 12);
  });

  it('takes log1p of counts before standardizing', () => {
    expect(byName.inbound_30d.transform).toBe('log1p');
    expect(byName.inbound_30d.mean).toBeCloseTo(1, 12);
  });

  it('leaves unknown values out of the mean, and puts them at z = 0', () => {
    expect(byName.last_conversation_sentiment.mean).toBeCloseTo(0.4, 12);
    const z = standardize(values({ last_conversation_sentiment: null, days_since_last_inbound: 6 }), scaling);
    expect(z[FEATURE_NAMES.indexOf('last_conversation_sentiment')]).toBe(0);
    expect(z[FEATURE_NAMES.indexOf('days_since_last_inbound')]).toBeCloseTo(2 / Math.sqrt(8 / 3), 12);
  });

  it('keeps a feature that never varied at z = 0 instead of dividing by zero', () => {
    expect(byName.complaints_30d).toMatchObject({ mean: 0, std: 1 });
    expect(standardize(values({ complaints_30d: 0 }), scaling)[FEATURE_NAMES.indexOf('complaints_30d')]).toBe(0);
  });
});

describe('reasons', () => {
  // A hand-made model: 4 features matter, the rest are 0.
  const features: ModelFeature[] = FEATURE_NAMES.map((name) => ({ name, transform: 'none', cap: null, mean: 0, std: 1, coefficient: 0 }));
  const set = (name: string, patch: Partial<ModelFeature>) => {
    const i = FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]);
    features[i] = { ...features[i], ...patch };
  };
  set('days_since_last_inbound', { mean: 10, std: 5, coefficient: 0.8, cap: 365 });
  set('inbound_30d', { transform: 'log1p', mean: Math.log1p(4), std: 1, coefficient: -0.6 });
  set('last_conversation_sentiment', { mean: 0.5, std: 0.2, coefficient: -1 });
  set('complaints_30d', { mean: 0.2, std: 0.4, coefficient: 0.3 });
  set('orders_90d', { mean: 1, std: 1, coefficient: -0.5 });

  it('lists the features whose coefficient × standardized value is largest and positive, in words', () => {
    const customer = values({ days_since_last_inbound: 30, inbound_30d: 0, last_conversation_sentiment: 0.1, complaints_30d: 1, orders_90d: 3 });
    const { reasons, probability } = explainScore({ features, intercept: -1 }, customer);
    // contributions: days 0.8·4 = 3.2, sentiment −1·(−2) = 2, inbound −0.6·(−log 5) ≈ 0.966, complaints 0.3·2 = 0.6, orders −0.5·2 = −1
    expect(reasons.map((r) => r.feature)).toEqual(['days_since_last_inbound', 'last_conversation_sentiment', 'inbound_30d']);
    expect(reasons[0].contribution).toBeCloseTo(3.2, 12);
    expect(reasons[1].contribution).toBeCloseTo(2, 12);
    expect(reasons[2].contribution).toBeCloseTo(0.6 * Math.log(5), 12);
    expect(reasons.map((r) => r.text)).toEqual([
      'Days since the customer last wrote: 30 days, higher than the usual 10 days',
      'Sentiment of the last conversation: 0.1, lower than the usual 0.5',
      'Messages from the customer in the last 30 days: 0, lower than the usual 4',
    ]);
    const logOdds = -1 + 3.2 + 2 + 0.6 * Math.log(5) + 0.6 - 1;
    expect(probability).toBeCloseTo(1 / (1 + Math.exp(-logOdds)), 12);
  });

  it('gives fewer than three when fewer features push up, and none for an average customer', () => {
    const average = values({ days_since_last_inbound: 10, inbound_30d: 4, last_conversation_sentiment: 0.5, complaints_30d: 0.2, orders_90d: 1 });
    const standardized = standardize(average, features);
    expect(reasonsFor(average, standardized, features.map((f) => f.coefficient), features)).toEqual([]);
    const one = explainScore({ features, intercept: 0 }, values({ days_since_last_inbound: 10, inbound_30d: 4, last_conversation_sentiment: 0.5, complaints_30d: 1, orders_90d: 1 }));
    expect(one.reasons.map((r) => r.feature)).toEqual(['complaints_30d']);
  });

  it('says "never" for a customer who never wrote', () => {
    const { reasons } = explainScore({ features, intercept: 0 }, values({ days_since_last_inbound: null, inbound_30d: 4, last_conversation_sentiment: 0.5, orders_90d: 1 }));
    expect(reasons[0].text).toBe('Days since the customer last wrote: never (counted as 365), higher than the usual 10 days');
  });
});

describe('the playbook rule and risk bands', () => {
  it('flags a customer whose weekly rate fell from ≥ 3 to ≤ 1 with last sentiment < 0.3, boundaries included', () => {
    expect(isRecoveryCandidate(values({ weekly_rate_prior: 3, weekly_rate_recent: 1, last_conversation_sentiment: 0.29 }))).toBe(true);
    expect(isRecoveryCandidate(values({ weekly_rate_prior: 3, weekly_rate_recent: 1, last_conversation_sentiment: 0.3 }))).toBe(false);
    expect(isRecoveryCandidate(values({ weekly_rate_prior: 2.75, weekly_rate_recent: 0, last_conversation_sentiment: 0 }))).toBe(false);
    expect(isRecoveryCandidate(values({ weekly_rate_prior: 5, weekly_rate_recent: 1.25, last_conversation_sentiment: 0 }))).toBe(false);
    expect(isRecoveryCandidate(values({ weekly_rate_prior: 5, weekly_rate_recent: 0, last_conversation_sentiment: null }))).toBe(false);
  });

  it('bands probabilities by the configured thresholds, each threshold inside its band', () => {
    const bands = { high: 0.6, medium: 0.3 };
    expect([0.6, 0.59, 0.3, 0.29, 0].map((p) => riskBand(p, bands))).toEqual(['high', 'medium', 'medium', 'low', 'low']);
  });
});
