import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ChurnScore } from './score.js';

export const SCORES_TABLE = 'churn_scores';
const SCORED = 'churn_scores__scored';

/**
 * Replaces `churn_scores` with these scores on either engine: rows go to a scratch table first,
 * then one atomic swap, so CRM readers see the previous run or this one, never half of it.
 */
export async function publishScores(warehouse: Warehouse, scores: readonly ChurnScore[]): Promise<number> {
  await warehouse.execScript(readFileSync(projectPath('sql', warehouse.engine, 'churn_scores.sql'), 'utf8'));
  try {
    await warehouse.insert(
      SCORED,
      scores.map((score) => ({ ...score, recovery_candidate: score.recovery_candidate ? 1 : 0 })),
    );
    await warehouse.replaceTable(SCORES_TABLE, readFileSync(projectPath('sql', 'churn_scores.sql'), 'utf8'), { orderBy: ['customer_key'] });
  } finally {
    await warehouse.exec(`DROP TABLE IF EXISTS ${SCORED}`);
  }
  return scores.length;
}
