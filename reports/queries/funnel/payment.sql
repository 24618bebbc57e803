-- The week's contact cohort split by the first payment method each customer mentioned
-- (mart_funnel_by_payment covers all weeks together; this is the same count for one week).
SELECT
  payment_category,
  contacted,
  inquired,
  ordered,
  paid,
  CASE WHEN inquired = 0 THEN NULL ELSE paid / inquired END AS inquiry_to_paid_rate
FROM (
  SELECT
    payment_category,
    count(*) AS contacted,
    count(inquiry_ms) AS inquired,
    count(order_ms) AS ordered,
    count(paid_ms) AS paid
  FROM int_funnel_customers
  WHERE contact_week = CAST({week_start} AS Date)
  GROUP BY payment_category
) AS by_payment
ORDER BY payment_category
