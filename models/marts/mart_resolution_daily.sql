{#
  Resolution time (docs/metrics.md) by local date of the conversation's first message, the date
  resolution_rate is reported by: median and p90, elapsed and in business hours; every date of
  the data.
#}
SELECT
  local_date,
  coalesce(resolved_conversations, 0) AS resolved_conversations,
  {{ median_sorted('resolution_list') }} AS median_resolution_s,
  {{ p90_sorted('resolution_list') }} AS p90_resolution_s,
  {{ median_sorted('business_list') }} AS median_business_resolution_s,
  {{ p90_sorted('business_list') }} AS p90_business_resolution_s
FROM ({{ date_spine(ref('int_run_params')) }}) days
LEFT JOIN (
  SELECT
    local_date,
    count(*) AS resolved_conversations,
    {{ sorted_values('resolution_s') }} AS resolution_list,
    {{ sorted_values('business_resolution_s') }} AS business_list
  FROM {{ ref('int_resolutions') }}
  GROUP BY local_date
) resolutions USING (local_date)
