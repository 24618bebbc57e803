import { expect, test } from 'vitest';
import { benchPostgres } from '../../bench/postgres.js';

// The bench's PostgreSQL baseline must give our marts' answers, and the same queries on the same
// helpdesk tables in DuckDB and on the ClickHouse server must give PostgreSQL's, or their speed-ups
// mean nothing: benchPostgres throws on the first row that differs. Smallest size: one generated batch.
test('the PostgreSQL KPI queries agree with our marts, and with DuckDB and ClickHouse on the same helpdesk tables', async () => {
  const [postgres, ...engines] = await benchPostgres({ messages: 20_000, runs: 1, reportCustomers: 1 });
  const checked = postgres.details.rows_checked_against_marts as Record<string, number>;
  expect(Object.keys(checked)).toEqual(['service-daily', 'keywords-weekly', 'funnel']);
  for (const rows of Object.values(checked)) expect(rows).toBeGreaterThan(0);
  expect(postgres.value).toBeGreaterThan(0);
  expect(engines.map((result) => [result.name, result.engine])).toEqual([
    ['helpdesk_kpi_queries', 'duckdb'],
    ['helpdesk_kpi_queries', 'clickhouse'],
  ]);
  for (const result of engines) {
    // The same rows as PostgreSQL's answers, which are the marts' answers.
    expect(result.details.rows_checked_against_postgres).toEqual(checked);
    expect(result.value).toBeGreaterThan(0);
  }
}, 120_000);
