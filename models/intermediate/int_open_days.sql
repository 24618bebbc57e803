{#
  Every local date of the data with its open time (ms of opening hours that date) and the open
  time of all earlier dates: the running total that turns an instant into an open-time clock
  (macro open_clock). Summed over a cross join of dates, the same on both engines (no windows).
#}
{% set open_by_date %}
SELECT local_date, coalesce(open_ms, 0) AS open_day_ms
FROM ({{ date_spine(ref('int_run_params')) }}) days
LEFT JOIN (
  SELECT local_date, sum(close_ms - open_ms) AS open_ms FROM {{ ref('int_open_intervals') }} GROUP BY local_date
) intervals USING (local_date)
{% endset %}
SELECT
  local_date,
  max(open_day_ms) AS open_day_ms,
  sum(CASE WHEN earlier_date < local_date THEN earlier_open_ms ELSE 0 END) AS open_before_ms
FROM ({{ open_by_date }}) dates
CROSS JOIN (SELECT local_date AS earlier_date, open_day_ms AS earlier_open_ms FROM ({{ open_by_date }}) earlier) earlier_dates
GROUP BY local_date
