{# The funnel (METRICS.md) by ISO week of first contact, from int_funnel_customers. #}
SELECT
  contact_week AS week_start,
  {{ iso_week('contact_week') }} AS iso_week,
  contacted,
  inquired,
  ordered,
  paid,
  {{ safe_div('inquired', 'contacted') }} AS contact_to_inquiry_rate,
  {{ safe_div('ordered', 'inquired') }} AS inquiry_to_order_rate,
  {{ safe_div('paid', 'ordered') }} AS order_to_paid_rate,
  {{ safe_div('paid', 'contacted') }} AS overall_conversion_rate,
  {{ median_of('days_to_order_stats') }} AS median_days_to_order,
  {{ safe_div('days_to_order_sum', 'ordered') }} AS mean_days_to_order,
  discount_customers,
  discount_ordered,
  {{ safe_div('discount_ordered', 'discount_customers') }} AS discount_to_order_rate
FROM (
  SELECT
    contact_week,
    count(*) AS contacted,
    countIf(inquiry_ms IS NOT NULL) AS inquired,
    countIf(order_ms IS NOT NULL) AS ordered,
    countIf(paid_ms IS NOT NULL) AS paid,
    {{ order_stats(to_float('order_ms - contact_ms') ~ ' / 86400000') }} AS days_to_order_stats,
    sum({{ to_float('order_ms - contact_ms') }} / 86400000) AS days_to_order_sum,
    countIf(sent_discount = 1) AS discount_customers,
    countIf(discount_ordered = 1) AS discount_ordered
  FROM {{ ref('int_funnel_customers') }}
  GROUP BY contact_week
) weeks
