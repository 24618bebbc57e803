-- The week's response times in business hours and on the human-only clock (docs/metrics.md,
-- Service depth), from the account level of mart_service_levels_weekly. Aggregated so a week
-- without turns still gives one row (of NULLs).
SELECT
  max(CASE WHEN clock = 'bots_count' THEN median_business_response_s END) AS median_business_response_s,
  max(CASE WHEN clock = 'bots_count' THEN p90_business_response_s END) AS p90_business_response_s,
  max(CASE WHEN clock = 'bots_count' THEN within_sla_business_rate END) AS within_sla_business_rate,
  max(CASE WHEN clock = 'human_only' THEN median_response_s END) AS median_human_response_s,
  max(CASE WHEN clock = 'human_only' THEN within_sla_rate END) AS within_sla_human_rate
FROM mart_service_levels_weekly
WHERE week_start = CAST({week_start} AS Date) AND level = 'account'
