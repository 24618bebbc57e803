{#
  The funnel split by the first payment category each customer mentioned: one row per payment_*
  category of the keyword dictionary, plus 'none' for customers who never mentioned one.
#}
SELECT
  payment_category,
  coalesce(contacted, 0) AS contacted,
  coalesce(inquired, 0) AS inquired,
  coalesce(ordered, 0) AS ordered,
  coalesce(paid, 0) AS paid,
  {{ safe_div('coalesce(paid, 0)', 'coalesce(inquired, 0)') }} AS inquiry_to_paid_rate
FROM (
  SELECT DISTINCT category AS payment_category FROM {{ ref('seed_keywords') }} WHERE substring(category, 1, 8) = 'payment_'
  UNION ALL
  SELECT 'none' AS payment_category
) categories
LEFT JOIN (
  SELECT
    payment_category,
    count(*) AS contacted,
    countIf(inquiry_ms IS NOT NULL) AS inquired,
    countIf(order_ms IS NOT NULL) AS ordered,
    countIf(paid_ms IS NOT NULL) AS paid
  FROM {{ ref('int_funnel_customers') }}
  GROUP BY payment_category
) counted USING (payment_category)
