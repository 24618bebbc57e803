{#
  Customers per segment as of the last day of each ISO week, so a week's segments can be compared
  with the week before: the weeks of the 91 days up to as_of (13 or 14), the week holding as_of
  counted as of as_of itself. The rules are mart_customer_segments' (macro customer_segments);
  a week's segments ignore every event after its last day. The window is bounded because every
  week re-reads the customers' whole activity up to its last day.
#}
{% set week_ends %}
SELECT CASE WHEN week_start + 6 < run_as_of THEN week_start + 6 ELSE run_as_of END AS as_of
FROM (
  SELECT DISTINCT {{ week_start('local_date') }} AS week_start
  FROM ({{ date_spine('(SELECT as_of - 90 AS first_day, as_of AS last_day FROM ' ~ ref('int_run_params') ~ ') bounds', 'first_day', 'last_day') }}) days
) weeks
CROSS JOIN (SELECT as_of AS run_as_of FROM {{ ref('int_run_params') }}) params
{% endset %}
SELECT
  {{ week_start('as_of') }} AS week_start,
  {{ iso_week(week_start('as_of')) }} AS iso_week,
  as_of,
  segment,
  action,
  customers,
  price_sensitive_customers
FROM (
  SELECT as_of, segment, action, count(*) AS customers, sum(price_sensitive) AS price_sensitive_customers
  FROM ({{ customer_segments(ref('int_customer_activity'), week_ends) }}) segmented
  GROUP BY as_of, segment, action
) counted
