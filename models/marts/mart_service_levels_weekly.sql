{#
  Service by level (docs/metrics.md, Levels): per ISO week × clock × level × level_value, the
  response metrics elapsed and in business hours, each beside the same group's previous-week
  value and the change (counts: relative, as turns_change in mart_agent_weekly; times and rates:
  the difference). A group without turns in the previous week compares with nothing: previous
  counts 0, previous times and rates NULL, changes NULL. The metrics come computed from
  int_service_levels_weekly; ClickHouse 18.16 fills the unmatched side of a LEFT JOIN with the
  column's default, which for these Nullable metrics is NULL, as on DuckDB.
#}
{% set differences = ['median_response_s', 'p90_response_s', 'mean_response_s', 'within_sla_rate', 'median_business_response_s', 'p90_business_response_s', 'within_sla_business_rate'] %}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  clock,
  level,
  level_value,
  turns,
  answered_turns,
  {% for metric in differences %}{{ metric }}, {% endfor %}
  previous_turns,
  previous_answered_turns,
  {% for metric in differences %}previous_{{ metric }}, {% endfor %}
  {{ safe_div('turns - previous_turns', 'previous_turns') }} AS turns_change,
  {{ safe_div('answered_turns - previous_answered_turns', 'previous_answered_turns') }} AS answered_turns_change
  {% for metric in differences %}
  , {{ metric }} - previous_{{ metric }} AS {{ metric }}_change
  {% endfor %}
FROM (
  SELECT
    *,
    coalesce(previous_turns_raw, 0) AS previous_turns,
    coalesce(previous_answered_raw, 0) AS previous_answered_turns
  FROM {{ ref('int_service_levels_weekly') }} this_week
  LEFT JOIN (
    SELECT
      week_start + 7 AS week_start, clock, level, level_value,
      turns AS previous_turns_raw,
      answered_turns AS previous_answered_raw
      {% for metric in differences %}
      , {{ metric }} AS previous_{{ metric }}
      {% endfor %}
    FROM {{ ref('int_service_levels_weekly') }} last_week
  ) previous_week USING (week_start, clock, level, level_value)
) compared
