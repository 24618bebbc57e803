-- Template messages sent to a customer who had not written in the 24 h before: per customer and
-- local date, the largest number of such templates within any 24 h ending at one of them.
-- Only rows with at least 2 are returned: a lone template breaks no cap.
WITH messages AS (
  SELECT message_id, customer_key, direction, is_inbound_content, template_name, ts_ms, local_date
  FROM stg_messages
  WHERE local_date BETWEEN CAST({from_date} AS DATE) - INTERVAL 2 DAY AND CAST({to_date} AS DATE)
),
unsolicited AS (
  SELECT t.customer_key, t.message_id, t.ts_ms, t.local_date
  FROM messages t
  WHERE t.direction = 'outbound' AND t.template_name IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM messages i
      WHERE i.customer_key = t.customer_key AND i.is_inbound_content = 1 AND i.ts_ms >= t.ts_ms - 86400000 AND i.ts_ms < t.ts_ms
    )
),
counted AS (
  SELECT u.customer_key, u.local_date, count(*) AS in_24h
  FROM unsolicited u
  JOIN unsolicited v ON v.customer_key = u.customer_key AND v.ts_ms > u.ts_ms - 86400000 AND v.ts_ms <= u.ts_ms
  GROUP BY u.customer_key, u.message_id, u.local_date
)
SELECT local_date AS period, customer_key AS dimension, max(in_24h) AS max_in_24h
FROM counted
WHERE local_date BETWEEN CAST({from_date} AS DATE) AND CAST({to_date} AS DATE)
GROUP BY local_date, customer_key
HAVING max(in_24h) >= 2
