{#
  Resolution time (docs/metrics.md) by local date of the conversation's first message, the date
  resolution_rate is reported by: median and p90, elapsed and in business hours; every date of
  the data.
#}
SELECT
  local_date,
  coalesce(resolved_conversations, 0) AS resolved_conversations,
  {{ median_of('resolution_stats') }} AS median_resolution_s,
  {{ p90_of('resolution_stats') }} AS p90_resolution_s,
  {{ median_of('business_stats') }} AS median_business_resolution_s,
  {{ p90_of('business_stats') }} AS p90_business_resolution_s
FROM ({{ date_spine(ref('int_run_params')) }}) days
LEFT JOIN (
  SELECT
    local_date,
    count(*) AS resolved_conversations,
    {{ order_stats('resolution_s') }} AS resolution_stats,
    {{ order_stats('business_resolution_s') }} AS business_stats
  FROM {{ ref('int_resolutions') }}
  GROUP BY local_date
) resolutions USING (local_date)
