import type { FeatureRow } from './features.js';
import { explainScore, type ChurnModel } from './model.js';
import { isRecoveryCandidate, riskBand, type BandThresholds, type RiskBand } from './rule.js';

/** One row of `churn_scores`. */
export interface ChurnScore {
  readonly customer_key: string;
  readonly as_of: string;
  readonly probability: number;
  readonly risk_band: RiskBand;
  readonly reason_1: string | null;
  readonly reason_2: string | null;
  readonly reason_3: string | null;
  readonly recovery_candidate: boolean;
  readonly suggested_action: string | null;
  readonly model_version: string;
}

export interface ScoringOptions {
  readonly bands: BandThresholds;
  readonly recoveryDiscountPercent: number;
}

export function scoreCustomers(model: ChurnModel, rows: readonly FeatureRow[], options: ScoringOptions): ChurnScore[] {
  return rows.map((row) => {
    const { probability, reasons } = explainScore(model, row.features);
    const recovery = isRecoveryCandidate(row.features);
    return {
      customer_key: row.customer_key,
      as_of: row.as_of,
      probability,
      risk_band: riskBand(probability, options.bands),
      reason_1: reasons[0]?.text ?? null,
      reason_2: reasons[1]?.text ?? null,
      reason_3: reasons[2]?.text ?? null,
      recovery_candidate: recovery,
      // The playbook only prescribes an action for its own rule; other customers get none rather than an invented one.
      suggested_action: recovery ? `Send a ${options.recoveryDiscountPercent} % discount code` : null,
      model_version: model.model_version,
    };
  });
}
