import { expect, test } from 'vitest';
import { benchPostgres } from '../../bench/postgres.js';

// The bench's PostgreSQL baseline must give our marts' answers, or its speed-up means nothing:
// benchPostgres throws on the first row that differs. Smallest size: one generated batch.
test('the PostgreSQL KPI queries agree with the marts built from the same landing data', async () => {
  const [result] = await benchPostgres({ messages: 20_000, runs: 1, reportCustomers: 1 });
  const checked = result.details.rows_checked_against_marts as Record<string, number>;
  expect(Object.keys(checked)).toEqual(['service-daily', 'keywords-weekly', 'funnel']);
  for (const rows of Object.values(checked)) expect(rows).toBeGreaterThan(0);
  expect(result.value).toBeGreaterThan(0);
}, 60_000);
