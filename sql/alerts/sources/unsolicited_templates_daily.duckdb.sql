-- Template messages sent to a customer who had not written in the 24 h before: per customer and
-- local date, the largest number of such templates within any 24 h ending at one of them.
-- Only rows with at least 2 are returned: a lone template breaks no cap.
-- Reads raw_messages deduplicated by message_id (no staging model yet). The customer is named by
-- a hash of the phone until the staged customer_key is available: marts never carry phones.
WITH messages AS (
  SELECT
    message_id,
    min(customer_phone) AS customer_phone,
    min(direction) AS direction,
    min(type) AS type,
    min(template_name) AS template_name,
    min(ts_ms) AS ts_ms
  FROM raw_messages
  WHERE ts >= CAST({from_date} AS TIMESTAMP) - INTERVAL 3 DAY
    AND ts < CAST({to_date} AS TIMESTAMP) + INTERVAL 2 DAY
  GROUP BY message_id
),
keyed AS (
  SELECT message_id, substr(md5(customer_phone), 1, 16) AS customer, direction, type, template_name, ts_ms FROM messages
),
inbound AS (
  SELECT customer, ts_ms FROM keyed
  WHERE direction = 'inbound'
    AND type IN ('text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template')
),
unsolicited AS (
  SELECT t.customer, t.message_id, t.ts_ms
  FROM keyed t
  WHERE t.direction = 'outbound' AND t.template_name IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM inbound i WHERE i.customer = t.customer AND i.ts_ms >= t.ts_ms - 86400000 AND i.ts_ms < t.ts_ms)
),
counted AS (
  SELECT u.customer, u.ts_ms, count(*) AS in_24h
  FROM unsolicited u
  JOIN unsolicited v ON v.customer = u.customer AND v.ts_ms > u.ts_ms - 86400000 AND v.ts_ms <= u.ts_ms
  GROUP BY u.customer, u.message_id, u.ts_ms
),
dated AS (
  SELECT CAST(timezone({timezone}, to_timestamp(ts_ms / 1000)) AS DATE) AS period, customer, in_24h FROM counted
)
SELECT period, customer AS dimension, max(in_24h) AS max_in_24h
FROM dated
WHERE period BETWEEN CAST({from_date} AS DATE) AND CAST({to_date} AS DATE)
GROUP BY period, customer
HAVING max(in_24h) >= 2
