-- Outbound content messages per local date and business number (phone_number_id).
-- Reads raw_messages deduplicated by message_id: no staging model exists yet; when one does,
-- this file is the only thing to change.
SELECT period, dimension, count() AS outbound_messages
FROM (
  SELECT
    toDate(toDateTime(intDiv(min(ts_ms), 1000), {timezone})) AS period,
    ifNull(min(phone_number_id), '') AS dimension
  FROM raw_messages
  WHERE direction = 'outbound'
    AND type IN ('text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template')
    AND ts >= toDateTime(toDate({from_date}), 'UTC') - 2 * 86400
    AND ts < toDateTime(toDate({to_date}), 'UTC') + 2 * 86400
  GROUP BY message_id
)
WHERE period BETWEEN toDate({from_date}) AND toDate({to_date})
GROUP BY period, dimension
