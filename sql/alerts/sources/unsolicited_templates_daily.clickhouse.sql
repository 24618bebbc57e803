-- Template messages sent to a customer who had not written in the 24 h before: per customer and
-- local date, the largest number of such templates within any 24 h ending at one of them.
-- Only rows with at least 2 are returned: a lone template breaks no cap.
-- Arrays per customer stand in for the self-joins ClickHouse 18.16 cannot express; each lambda
-- captures only columns of its own row (18.16 does not let a nested lambda see an outer one's).
SELECT period, dimension, max_in_24h
FROM (
  SELECT
    toDate(toDateTime(intDiv(t, 1000), {timezone})) AS period,
    customer_key AS dimension,
    max(arrayCount(u -> u > t - 86400000 AND u <= t, unsolicited)) AS max_in_24h
  FROM (
    SELECT customer_key, groupArrayIf(t, NOT arrayExists(i -> i >= t - 86400000 AND i < t, inbound)) AS unsolicited
    FROM (
      SELECT
        customer_key,
        groupArrayIf(ts_ms, is_inbound_content = 1) AS inbound,
        groupArrayIf(ts_ms, direction = 'outbound' AND isNotNull(template_name)) AS templates
      FROM stg_messages
      WHERE local_date BETWEEN toDate({from_date}) - 2 AND toDate({to_date})
      GROUP BY customer_key
    )
    ARRAY JOIN templates AS t
    GROUP BY customer_key
  )
  ARRAY JOIN unsolicited AS t
  GROUP BY period, dimension
)
WHERE max_in_24h >= 2 AND period BETWEEN toDate({from_date}) AND toDate({to_date})
