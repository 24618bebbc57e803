-- Sends of the same template to the same customer per local calendar month.
-- Only rows with at least 2 sends are returned: one send breaks no cap.
-- Reads raw_messages deduplicated by message_id (no staging model yet). The customer is named by
-- a hash of the phone until the staged customer_key is available: marts never carry phones.
WITH messages AS (
  SELECT message_id, min(customer_phone) AS customer_phone, min(template_name) AS template_name, min(ts_ms) AS ts_ms
  FROM raw_messages
  WHERE direction = 'outbound' AND template_name IS NOT NULL
    AND ts >= CAST(date_trunc('month', CAST({from_date} AS DATE)) AS TIMESTAMP) - INTERVAL 2 DAY
    AND ts < CAST({to_date} AS TIMESTAMP) + INTERVAL 2 DAY
  GROUP BY message_id
),
dated AS (
  SELECT
    CAST(date_trunc('month', timezone({timezone}, to_timestamp(ts_ms / 1000))) AS DATE) AS period,
    CAST(timezone({timezone}, to_timestamp(ts_ms / 1000)) AS DATE) AS local_date,
    substr(md5(customer_phone), 1, 16) || ' / ' || template_name AS dimension
  FROM messages
)
SELECT period, dimension, count(*) AS sends
FROM dated
WHERE local_date <= CAST({to_date} AS DATE)
  AND period >= date_trunc('month', CAST({from_date} AS DATE))
GROUP BY period, dimension
HAVING count(*) >= 2
