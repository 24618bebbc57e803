-- Sends of the same template to the same customer per local calendar month.
-- Only rows with at least 2 sends are returned: one send breaks no cap.
-- Reads raw_messages deduplicated by message_id (no staging model yet). The customer is named by
-- a hash of the phone until the staged customer_key is available: marts never carry phones.
SELECT toStartOfMonth(local_date) AS period, dimension, count() AS sends
FROM (
  SELECT
    toDate(toDateTime(intDiv(min(ts_ms), 1000), {timezone})) AS local_date,
    concat(substring(lower(hex(MD5(min(customer_phone)))), 1, 16), ' / ', assumeNotNull(min(template_name))) AS dimension
  FROM raw_messages
  WHERE direction = 'outbound' AND isNotNull(template_name)
    AND ts >= toDateTime(toStartOfMonth(toDate({from_date})), 'UTC') - 2 * 86400
    AND ts < toDateTime(toDate({to_date}), 'UTC') + 2 * 86400
  GROUP BY message_id
)
WHERE local_date <= toDate({to_date}) AND toStartOfMonth(local_date) >= toStartOfMonth(toDate({from_date}))
GROUP BY period, dimension
HAVING count() >= 2
