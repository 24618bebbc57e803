import type { FeatureValues } from './features.js';

/**
 * The business playbook's rule (METRICS.md, Churn), kept beside the model: the weekly interaction
 * rate fell from at least 3 to at most 1 and the last conversation's sentiment is below 0.3.
 */
export const RECOVERY_RULE = { priorRateAtLeast: 3, recentRateAtMost: 1, sentimentBelow: 0.3 } as const;

export function isRecoveryCandidate(values: FeatureValues): boolean {
  const prior = values.weekly_rate_prior;
  const recent = values.weekly_rate_recent;
  const sentiment = values.last_conversation_sentiment;
  return (
    prior !== null &&
    recent !== null &&
    sentiment !== null &&
    prior >= RECOVERY_RULE.priorRateAtLeast &&
    recent <= RECOVERY_RULE.recentRateAtMost &&
    sentiment < RECOVERY_RULE.sentimentBelow
  );
}

export type RiskBand = 'high' | 'medium' | 'low';

export interface BandThresholds {
  readonly high: number;
  readonly medium: number;
}

export function riskBand(probability: number, thresholds: BandThresholds): RiskBand {
  if (probability >= thresholds.high) return 'high';
  if (probability >= thresholds.medium) return 'medium';
  return 'low';
}
