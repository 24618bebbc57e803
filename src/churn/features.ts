/**
 * The churn features of METRICS.md ("Churn") and four more (docs/churn.md), in the order the
 * model, the artifact and the `churn_features` model use. `label` and `unit` turn a feature into
 * words for a reason.
 */
export interface FeatureDefinition {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** Decimals shown in a reason. */
  readonly decimals: number;
  /**
   * What a missing value means. `mean`: unknown (no campaign received, no reply waited for), so
   * it takes the training mean and pushes the score neither way. A number: "never" (never wrote,
   * never ordered), so it takes that cap, which also bounds the observed values.
   */
  readonly missing: 'mean' | number;
  /** Counts and amounts are heavy-tailed: log1p keeps one big spender from setting the slope. */
  readonly transform: 'none' | 'log1p';
}

/** "Never", for the days-since features: a year, beyond which another day says nothing new. */
export const DAYS_CAP = 365;

export const FEATURES = [
  { name: 'days_since_last_inbound', label: 'days since the customer last wrote', unit: ' days', decimals: 0, missing: DAYS_CAP, transform: 'none' },
  { name: 'days_since_last_order', label: 'days since the last order', unit: ' days', decimals: 0, missing: DAYS_CAP, transform: 'none' },
  { name: 'inbound_7d', label: 'messages from the customer in the last 7 days', unit: '', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'inbound_30d', label: 'messages from the customer in the last 30 days', unit: '', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'inbound_90d', label: 'messages from the customer in the last 90 days', unit: '', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'weekly_rate_recent', label: 'conversations a week in the last 4 weeks', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
  { name: 'weekly_rate_prior', label: 'conversations a week in the 4 weeks before', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
  { name: 'weekly_rate_ratio', label: 'change in conversations a week (recent ÷ before)', unit: '×', decimals: 2, missing: 'mean', transform: 'none' },
  { name: 'orders_90d', label: 'orders in the last 90 days', unit: '', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'revenue_90d', label: 'revenue in the last 90 days', unit: '', decimals: 2, missing: 'mean', transform: 'log1p' },
  { name: 'last_conversation_sentiment', label: 'sentiment of the last conversation', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
  { name: 'complaints_30d', label: 'complaint messages in the last 30 days', unit: '', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'median_response_s_30d', label: 'median wait for a reply in the last 30 days', unit: ' s', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'campaign_unread_share', label: 'share of campaign messages left unread', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
  // Beyond METRICS.md: the customer against their own rhythm, and whether the shop left them waiting (docs/churn.md).
  { name: 'last_turn_unanswered', label: 'last message left unanswered at the cut-off (1 = yes)', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
  { name: 'interaction_gap_days', label: 'usual days between conversations', unit: ' days', decimals: 0, missing: 'mean', transform: 'log1p' },
  { name: 'overdue_ratio', label: 'days since the customer last wrote, in usual gaps', unit: '×', decimals: 1, missing: 'mean', transform: 'none' },
  { name: 'rhythm_unknown', label: 'fewer than two conversations in 180 days (1 = yes)', unit: '', decimals: 2, missing: 'mean', transform: 'none' },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]['name'];

export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((feature) => feature.name);

/** Raw feature values of one customer at one cut-off; null where the feature is undefined (e.g. never ordered). */
export type FeatureValues = Readonly<Record<FeatureName, number | null>>;

/** One customer at one cut-off, as the `churn_features` model returns it. */
export interface FeatureRow {
  readonly customer_key: string;
  readonly as_of: string;
  readonly features: FeatureValues;
  /** 1 = churned in the label horizon after `as_of`; absent when scoring (the future is unknown). */
  readonly label?: 0 | 1;
}

/** A FeatureRow whose label is known: what training and evaluation take. */
export type LabeledRow = FeatureRow & { readonly label: 0 | 1 };

/** The scored population: an inbound content message or an order in the `activeDays` local dates up to as_of. */
export function isActive(row: FeatureRow, activeDays: number): boolean {
  const { days_since_last_inbound: inbound, days_since_last_order: order } = row.features;
  return (inbound !== null && inbound < activeDays) || (order !== null && order < activeDays);
}

export function featureDefinition(name: FeatureName): FeatureDefinition {
  const definition = FEATURES.find((feature) => feature.name === name);
  if (!definition) throw new Error(`unknown churn feature "${name}"`);
  return definition;
}
