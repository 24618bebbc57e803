-- Template messages sent to a customer who had not written in the 24 h before: per customer and
-- local date, the largest number of such templates within any 24 h ending at one of them.
-- Only rows with at least 2 are returned: a lone template breaks no cap.
-- Reads raw_messages deduplicated by message_id (no staging model yet). The customer is named by
-- a hash of the phone until the staged customer_key is available: marts never carry phones.
-- Arrays per customer stand in for the self-joins ClickHouse 18.16 cannot express; each lambda
-- captures only columns of its own row (18.16 does not let a nested lambda see an outer one's).
SELECT period, dimension, max_in_24h
FROM (
  SELECT
    toDate(toDateTime(intDiv(t, 1000), {timezone})) AS period,
    customer AS dimension,
    max(arrayCount(u -> u > t - 86400000 AND u <= t, unsolicited)) AS max_in_24h
  FROM (
    SELECT customer, groupArrayIf(t, NOT arrayExists(i -> i >= t - 86400000 AND i < t, inbound)) AS unsolicited
    FROM (
      SELECT
        substring(lower(hex(MD5(customer_phone))), 1, 16) AS customer,
        groupArrayIf(ts_ms, direction = 'inbound'
          AND type IN ('text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template')) AS inbound,
        groupArrayIf(ts_ms, direction = 'outbound' AND is_template = 1) AS templates
      FROM (
        SELECT
          message_id,
          min(customer_phone) AS customer_phone,
          min(direction) AS direction,
          min(type) AS type,
          max(isNotNull(template_name)) AS is_template,
          min(ts_ms) AS ts_ms
        FROM raw_messages
        WHERE ts >= toDateTime(toDate({from_date}), 'UTC') - 3 * 86400
          AND ts < toDateTime(toDate({to_date}), 'UTC') + 2 * 86400
        GROUP BY message_id
      )
      GROUP BY customer
    )
    ARRAY JOIN templates AS t
    GROUP BY customer
  )
  ARRAY JOIN unsolicited AS t
  GROUP BY period, dimension
)
WHERE max_in_24h >= 2 AND period BETWEEN toDate({from_date}) AND toDate({to_date})
