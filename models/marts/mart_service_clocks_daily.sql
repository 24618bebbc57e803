{#
  Daily service on both clocks (bots_count, human_only), elapsed and in business hours: every
  local date of the data × clock, by local date of turn start (empty dates: zero counts, NULL
  times and rates). On the bots_count clock the elapsed columns equal mart_service_daily's.
#}
SELECT
  local_date,
  clock,
  coalesce(turns, 0) AS turns,
  coalesce(answered_turns, 0) AS answered_turns,
  {{ response_metrics('') }}
FROM (
  SELECT local_date, clock
  FROM ({{ date_spine(ref('int_run_params')) }}) days
  CROSS JOIN (SELECT {{ explode("['bots_count', 'human_only']") }} AS clock) clocks
) cells
LEFT JOIN (
  SELECT local_date, clock, {{ response_aggregates() }}
  FROM {{ ref('int_service_turns') }}
  GROUP BY local_date, clock
) turns_by_day USING (local_date, clock)
