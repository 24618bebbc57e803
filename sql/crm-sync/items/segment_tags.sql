-- Segment tags with the actions METRICS.md gives them (mart_customer_segments); active and
-- dormant customers have no prescribed action.
SELECT
  customer_key,
  segment,
  CASE segment
    WHEN 'high_intent' THEN 'Send a 10 % discount code'
    WHEN 'lost' THEN 'Move to the low-priority list'
    WHEN 'potential' THEN 'Weekly follow-up reminder'
  END AS suggested_action
FROM mart_customer_segments
