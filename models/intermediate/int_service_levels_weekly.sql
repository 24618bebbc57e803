{#
  The weekly aggregates of int_turn_levels per ISO week × clock × level × level_value, with the
  sorted response lists the exact medians and p90s are read from. Built once so that
  mart_service_levels_weekly can set each week beside the previous one without aggregating the
  turn levels (the largest intermediate table) twice. A group without answered turns counts 0
  within the SLA: DuckDB's countIf over only NULL comparisons is NULL, ClickHouse's is 0.
#}
SELECT
  week_start, clock, level, level_value, turns, answered_turns, response_list, response_sum,
  coalesce(within_sla, 0) AS within_sla,
  business_list,
  coalesce(within_sla_business, 0) AS within_sla_business
FROM (
  SELECT
    week_start, clock, level, level_value,
    {{ response_aggregates() }}
  FROM {{ ref('int_turn_levels') }}
  GROUP BY week_start, clock, level, level_value
) weekly
