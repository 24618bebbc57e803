{# Heatmap (METRICS.md): inbound content messages by ISO week × local weekday × hour, all 168 cells of every week. #}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  local_weekday,
  local_hour,
  coalesce(messages, 0) AS messages,
  {{ safe_div('coalesce(messages, 0)', 'week_messages') }} AS share
FROM (
  SELECT week_start, local_weekday, CAST({{ explode('range(24)') }} AS INTEGER) AS local_hour, week_messages
  FROM (
    SELECT week_start, CAST({{ explode('[1, 2, 3, 4, 5, 6, 7]') }} AS INTEGER) AS local_weekday, coalesce(week_messages, 0) AS week_messages
    FROM ({{ week_spine(ref('int_run_params')) }}) weeks
    LEFT JOIN ({{ weekly_inbound_totals(ref('stg_messages')) }}) totals USING (week_start)
  ) week_days
) cells
LEFT JOIN (
  SELECT week_start, local_weekday, local_hour, count(*) AS messages
  FROM {{ ref('stg_messages') }}
  WHERE is_inbound_content = 1
  GROUP BY week_start, local_weekday, local_hour
) counted USING (week_start, local_weekday, local_hour)
