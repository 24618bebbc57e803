import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/churn/dates.js';
import { publishScores } from '../../src/churn/publish.js';
import { scoreCustomers } from '../../src/churn/score.js';
import { HORIZON_DAYS, trainChurnModel } from '../../src/churn/train.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { cutoffsEnding, syntheticRows } from './synthetic.js';

const EVALUATION = '2026-06-30';
const CUTOFFS = cutoffsEnding(addDays(EVALUATION, -HORIZON_DAYS), 2, 14);
const model = trainChurnModel(
  { train: syntheticRows(800, CUTOFFS, 4), test: syntheticRows(400, [EVALUATION], 5), trainingCutoffs: CUTOFFS, evaluationCutoff: EVALUATION },
  { l2: 1, classWeight: 'balanced', activeDays: 90, engine: 'duckdb', trainedAt: '2026-07-01T00:00:00.000Z' },
);
// Scoring rows carry no label: the future is unknown at scoring time.
const rows = syntheticRows(300, ['2026-11-30'], 6).map(({ customer_key, as_of, features }, i) => ({
  customer_key,
  as_of,
  // every 50th customer is made a recovery candidate: rate fell from 4 to 0.5 a week, sour last conversation
  features: i % 50 ? features : { ...features, weekly_rate_prior: 4, weekly_rate_recent: 0.5, last_conversation_sentiment: 0.1 },
}));
const scores = scoreCustomers(model, rows, { bands: { high: 0.6, medium: 0.3 }, recoveryDiscountPercent: 15 });

describe.each(TARGETS)('publishing churn scores on $name', (target) => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await target.open();
  });
  afterAll(async () => warehouse?.close());

  it('writes every score with its types, and replaces the previous run', async () => {
    await publishScores(warehouse, scores.slice(0, 10));
    expect(await publishScores(warehouse, scores)).toBe(scores.length);
    const stored = await warehouse.query('SELECT * FROM churn_scores ORDER BY customer_key');
    const expected = [...scores].sort((a, b) => (a.customer_key < b.customer_key ? -1 : 1));
    expect(stored.map(({ probability, ...rest }) => rest)).toEqual(
      expected.map(({ probability, ...rest }) => ({ ...rest, recovery_candidate: rest.recovery_candidate ? 1 : 0 })),
    );
    stored.forEach((row, i) => expect(Math.abs((row.probability as number) - expected[i].probability)).toBeLessThan(1e-12));
    expect(await warehouse.tableExists('churn_scores__scored')).toBe(false);
    expect(stored.filter((row) => row.recovery_candidate === 1)).toHaveLength(6);
    expect(stored.find((row) => row.recovery_candidate === 1)?.suggested_action).toBe('Send a 15 % discount code');
    expect(new Set(stored.map((row) => row.risk_band))).toEqual(new Set(['high', 'medium', 'low']));
  });

  it('keeps the latest run of each ISO week in churn_scores_weekly, for week-against-week reports', async () => {
    const run = (asOf: string, count: number) => publishScores(warehouse, scores.slice(0, count).map((score) => ({ ...score, as_of: asOf })));
    await run('2026-11-10', 5); // Tuesday of 2026-W46
    await run('2026-11-15', 7); // its Sunday: replaces the Tuesday run
    await run('2026-11-16', 9); // Monday of 2026-W47
    await run('2026-11-22', 11); // its Sunday
    const weekly = await warehouse.query<{ as_of: string; n: number }>('SELECT as_of, count(*) AS n FROM churn_scores_weekly GROUP BY as_of ORDER BY as_of');
    // 2026-11-30 is the previous test's run, in 2026-W49.
    expect(weekly.map((row) => [row.as_of, Number(row.n)])).toEqual([
      ['2026-11-15', 7],
      ['2026-11-22', 11],
      ['2026-11-30', scores.length],
    ]);
    const latest = await warehouse.query<{ as_of: string }>('SELECT DISTINCT as_of FROM churn_scores');
    expect(latest).toEqual([{ as_of: '2026-11-22' }]);
    const kept = await warehouse.query("SELECT * FROM churn_scores_weekly WHERE as_of = CAST('2026-11-15' AS Date) ORDER BY customer_key");
    expect(kept.map((row) => row.customer_key)).toEqual(scores.slice(0, 7).map((score) => score.customer_key).sort());
  });

  it('keeps only the configured number of weeks of runs', async () => {
    await publishScores(warehouse, scores.slice(0, 3).map((score) => ({ ...score, as_of: '2026-12-07' })), 2);
    const weekly = await warehouse.query<{ as_of: string; n: number }>('SELECT as_of, count(*) AS n FROM churn_scores_weekly GROUP BY as_of ORDER BY as_of');
    expect(weekly.map((row) => [row.as_of, Number(row.n)])).toEqual([
      ['2026-11-30', scores.length],
      ['2026-12-07', 3],
    ]);
  });
});
