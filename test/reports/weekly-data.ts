import { configSchema, type Config } from '../../src/config/schema.js';
import { runTransform } from '../../src/transform/run.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { generateLanding } from '../models/generate.js';
import { publishScores } from '../../src/churn/publish.js';
import type { ChurnScore } from '../../src/churn/score.js';

/**
 * The real reports over real marts: the models' generated landing fixture (eight ISO weeks from
 * 2026-W41) through the whole model DAG, with segments computed as of the last day of 2026-W47.
 */
export const REPORT_WEEK = '2026-W47';
export const REPORT_CONFIG: Config = configSchema.parse({
  as_of: '2026-11-22',
  costs: { tool_monthly: 300, countries: { HK: { marketing: 0.05 } } },
  service: { opening_hours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: ['10:00-14:00'] } },
});

/** Two scoring runs, the last days of W46 and W47, so the churn section has a week to compare with. */
export const SCORING_DATES = ['2026-11-15', '2026-11-22'] as const;

/** Landing data in batches of customers, so a large warehouse never holds all its rows in memory at once. */
const BATCH = 5_000;

export async function buildReportWarehouse(warehouse: Warehouse, customers = 200, config: Config = REPORT_CONFIG): Promise<void> {
  await initWarehouse(warehouse);
  for (let first = 0; first < customers; first += BATCH) await generateLanding(7, Math.min(BATCH, customers - first), first).load(warehouse);
  await runTransform(warehouse, config);
  await createChurnScores(warehouse);
}

/**
 * Two scoring runs published as the churn stage publishes them (churn_scores, and
 * churn_scores_weekly keeping each week's run). The scores are made up deterministically from the
 * customer key: the reports only read the tables.
 */
async function createChurnScores(warehouse: Warehouse): Promise<void> {
  const customers = await warehouse.query<{ customer_key: string }>('SELECT customer_key FROM mart_customer_segments ORDER BY customer_key');
  const reasons = ['days since the last message are high', 'interaction rate fell', 'last conversation was negative', 'no order in 90 days'];
  for (const [run, as_of] of SCORING_DATES.entries()) {
    const scores: ChurnScore[] = customers.map(({ customer_key }, i) => {
      const probability = ((hash(customer_key) + run * 70) % 1000) / 1000;
      const recovery = probability > 0.6 && i % 5 === 0;
      return {
        customer_key,
        as_of,
        probability,
        risk_band: probability >= 0.7 ? 'high' : probability >= 0.4 ? 'medium' : 'low',
        reason_1: reasons[i % 4],
        reason_2: reasons[(i + 1) % 4],
        reason_3: i % 3 === 0 ? null : reasons[(i + 2) % 4],
        recovery_candidate: recovery,
        suggested_action: recovery ? 'Send a 15 % discount code' : null,
        model_version: 'fixture-1',
      };
    });
    await publishScores(warehouse, scores);
  }
}

function hash(text: string): number {
  let h = 7;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) % 1_000_003;
  return h;
}
