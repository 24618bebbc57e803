-- Response times of the turns started in the week (int_turns, answered ones): the week's exact
-- median and nearest-rank p90 (METRICS.md) cannot be derived from the daily mart's medians.
-- DuckDB twin: response.duckdb.sql.
SELECT
  CASE WHEN n = 0 THEN NULL
       WHEN n % 2 = 1 THEN sorted[intDiv(n + 1, 2)]
       ELSE (sorted[intDiv(n, 2)] + sorted[intDiv(n, 2) + 1]) / 2 END AS median_response_s,
  CASE WHEN n = 0 THEN NULL ELSE sorted[intDiv(9 * n + 9, 10)] END AS p90_response_s,
  CASE WHEN n = 0 THEN NULL ELSE within / n END AS within_sla_rate
FROM (
  SELECT count(*) AS n, arraySort(groupArray(response_s)) AS sorted, countIf(response_s <= {sla_seconds}) AS within
  FROM int_turns
  WHERE week_start = CAST({week_start} AS Date) AND answered = 1
) AS week
