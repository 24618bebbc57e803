import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { sqlLiteral } from '../transform/literal.js';
import { rewritePlaceholders } from '../warehouse/placeholders.js';
import type { Warehouse } from '../warehouse/types.js';
import { addDays, assertDate } from './dates.js';
import type { ChurnScore } from './score.js';

export const SCORES_TABLE = 'churn_scores';
export const WEEKLY_SCORES_TABLE = 'churn_scores_weekly';
const SCORED = 'churn_scores__scored';

/** ISO weeks of runs `churn_scores_weekly` keeps by default: a year, plus the week to compare it with. */
export const WEEKLY_HISTORY_WEEKS = 53;

/**
 * Replaces `churn_scores` with these scores on either engine: rows go to a scratch table first,
 * then one atomic swap, so CRM readers see the previous run or this one, never half of it.
 */
export async function publishScores(warehouse: Warehouse, scores: readonly ChurnScore[], historyWeeks = WEEKLY_HISTORY_WEEKS): Promise<number> {
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
  if (scores.length > 0) await keepWeeklyRun(warehouse, scores[0].as_of, historyWeeks);
  return scores.length;
}

/**
 * Keeps the run just published in `churn_scores_weekly` as its ISO week's run, replacing an earlier
 * run of that week, and drops runs older than `historyWeeks` weeks, so the table (rebuilt at every
 * run) stays bounded.
 */
async function keepWeeklyRun(warehouse: Warehouse, asOf: string, historyWeeks: number): Promise<void> {
  const orderBy = { orderBy: ['as_of', 'customer_key'] };
  if (!(await warehouse.tableExists(WEEKLY_SCORES_TABLE))) {
    await warehouse.replaceTable(WEEKLY_SCORES_TABLE, `SELECT * FROM ${SCORES_TABLE}`, orderBy);
    return;
  }
  const monday = isoMonday(asOf);
  // replaceTable takes a whole statement, so the dates are written in as literals, escaped for the engine.
  const sql = rewritePlaceholders(
    readFileSync(projectPath('sql', 'churn_scores_weekly.sql'), 'utf8'),
    { keep_from: addDays(monday, -7 * (historyWeeks - 1)), week_start: monday, week_end: addDays(monday, 7) },
    (_name, value) => sqlLiteral(warehouse.engine, value),
  );
  await warehouse.replaceTable(WEEKLY_SCORES_TABLE, sql, orderBy);
}

/** The Monday of the ISO week holding a local date 'YYYY-MM-DD'. */
function isoMonday(date: string): string {
  const weekday = (new Date(`${assertDate(date)}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}
