{#
  Customers per segment as of the last day of each ISO week, so a week's segments can be compared
  with the week before: the weeks of the 91 days up to as_of (13 or 14), the week holding as_of
  counted as of as_of itself. The rules are mart_customer_segments' (macro segments_of); a week's
  segments ignore every event after its last day.

  The measures of every week are taken in one pass over the customers' activity: slot k is the
  week starting 7·k days before the week holding as_of, and each measure is a conditional aggregate
  per slot. Joining every activity row to every later week end instead multiplied the activity by
  up to 14 before grouping: the largest model of the DAG at 10 M messages.
#}
{% set slots = range(14) %}
{#
  The column of the row's slot: the last slot is the ELSE branch, so the result is not Nullable, and
  each branch tests the slot (ClickHouse 18.16 turns CASE slot WHEN … into a function of constants).
#}
{% macro of_slot(column, slots) -%}
CASE {% for k in slots %}{% if loop.last %}ELSE {{ column }}{{ k }} {% else %}WHEN slot = {{ k }} THEN {{ column }}{{ k }} {% endif %}{% endfor %}END
{%- endmacro %}
{% set week_ends %}
SELECT
  {{ week_start('as_of - 90') }} AS first_week,
  {%- for k in slots %}
  {{ week_start('as_of') }} - {{ 7 * k }} AS week{{ k }},
  CASE WHEN {{ week_start('as_of') }} - {{ 7 * k }} + 6 < as_of THEN {{ week_start('as_of') }} - {{ 7 * k }} + 6 ELSE as_of END AS end{{ k }}{{ ',' if not loop.last }}
  {% endfor %}
FROM {{ ref('int_run_params') }}
{% endset %}
{% set measures %}
SELECT customer_key, as_of, product_inquiry_messages_7d, price_discount_messages_30d, interactions_30d, last_inbound_date
FROM (
  SELECT
    customer_key,
    first_date,
    {{ of_slot('week', slots) }} AS slot_week,
    {{ of_slot('end', slots) }} AS as_of,
    {{ of_slot('inquiries', slots) }} AS product_inquiry_messages_7d,
    {{ of_slot('discounts', slots) }} AS price_discount_messages_30d,
    {{ of_slot('interactions', slots) }} AS interactions_30d,
    {{ of_slot('last_inbound', slots) }} AS last_inbound_date,
    first_week
  FROM (
    SELECT
      customer_key,
      min(local_date) AS first_date,
      {%- for k in slots %}
      {{ sum_if('product_inquiry_messages', 'local_date BETWEEN end' ~ k ~ ' - 6 AND end' ~ k) }} AS inquiries{{ k }},
      {{ sum_if('price_discount_messages', 'local_date BETWEEN end' ~ k ~ ' - 29 AND end' ~ k) }} AS discounts{{ k }},
      {{ sum_if('interactions', 'local_date BETWEEN end' ~ k ~ ' - 29 AND end' ~ k) }} AS interactions{{ k }},
      max(CASE WHEN inbound_messages > 0 AND local_date <= end{{ k }} THEN local_date END) AS last_inbound{{ k }}{{ ',' if not loop.last }}
      {% endfor %}
    FROM {{ ref('int_customer_activity') }}
    CROSS JOIN ({{ week_ends }}) week_ends
    GROUP BY customer_key
  ) per_customer
  CROSS JOIN (
    {#- ClickHouse 18.16 takes one JOIN per SELECT. #}
    SELECT * FROM ({{ week_ends }}) week_ends
    CROSS JOIN ({% for k in slots %}SELECT {{ k }} AS slot{{ ' UNION ALL ' if not loop.last }}{% endfor %}) slots
  ) slot_weeks
) unpivoted
WHERE slot_week >= first_week AND first_date <= as_of
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
  FROM ({{ segments_of(measures) }}) segmented
  GROUP BY as_of, segment, action
) counted
