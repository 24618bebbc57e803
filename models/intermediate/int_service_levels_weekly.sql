{#
  The response metrics of int_turn_levels per ISO week × clock × level × level_value, computed
  once so that mart_service_levels_weekly can set each week beside the previous one without
  aggregating the turn levels (the largest intermediate table) twice. Only the metrics are kept,
  not the sorted lists they come from: lists of every response time are costly to store.
#}
SELECT
  week_start, clock, level, level_value, turns, answered_turns,
  {{ response_metrics('') }}
FROM (
  SELECT
    week_start, clock, level, level_value,
    {{ response_aggregates() }}
  FROM {{ ref('int_turn_levels') }}
  GROUP BY week_start, clock, level, level_value
) weekly
