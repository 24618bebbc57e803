-- Outbound content messages per local date and business number (phone_number_id).
-- Reads raw_messages deduplicated by message_id: no staging model exists yet; when one does,
-- this file is the only thing to change.
WITH messages AS (
  SELECT message_id, min(phone_number_id) AS phone_number_id, min(ts_ms) AS ts_ms
  FROM raw_messages
  WHERE direction = 'outbound'
    AND type IN ('text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template')
    AND ts >= CAST({from_date} AS TIMESTAMP) - INTERVAL 2 DAY
    AND ts < CAST({to_date} AS TIMESTAMP) + INTERVAL 2 DAY
  GROUP BY message_id
),
dated AS (
  SELECT CAST(timezone({timezone}, to_timestamp(ts_ms / 1000)) AS DATE) AS period, coalesce(phone_number_id, '') AS dimension
  FROM messages
)
SELECT period, dimension, count(*) AS outbound_messages
FROM dated
WHERE period BETWEEN CAST({from_date} AS DATE) AND CAST({to_date} AS DATE)
GROUP BY period, dimension
