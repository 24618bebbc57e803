-- One row per segment with the playbook's action in words (METRICS.md Segments).
SELECT
  segment,
  CASE segment WHEN 'high_intent' THEN 1 WHEN 'lost' THEN 2 WHEN 'potential' THEN 3 WHEN 'active' THEN 4 ELSE 5 END AS precedence,
  CASE action
    WHEN 'send_discount_10' THEN 'Send a 10 % discount code'
    WHEN 'low_priority_list' THEN 'Move to the low-priority list'
    WHEN 'weekly_follow_up' THEN 'Weekly follow-up reminder'
    ELSE 'No action'
  END AS suggested_action,
  customers,
  price_sensitive_customers
FROM (
  SELECT segment, action, count(*) AS customers, sum(price_sensitive) AS price_sensitive_customers
  FROM mart_customer_segments
  WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date)
  GROUP BY segment, action
) AS by_segment
ORDER BY precedence
