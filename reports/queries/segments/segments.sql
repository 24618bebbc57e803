-- One row per segment as of the week's last day, with the playbook's action in words (METRICS.md Segments).
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
  SELECT segment, action, customers, price_sensitive_customers
  FROM mart_segments_weekly
  WHERE week_start = CAST({week_start} AS Date)
) AS by_segment
ORDER BY precedence
