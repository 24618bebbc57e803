-- The funnel of the customers whose first contact fell in the week (at most one row).
SELECT
  contacted, inquired, ordered, paid,
  contact_to_inquiry_rate, inquiry_to_order_rate, order_to_paid_rate, overall_conversion_rate,
  median_days_to_order, mean_days_to_order,
  discount_customers, discount_to_order_rate
FROM mart_funnel
WHERE week_start = CAST({week_start} AS Date)
