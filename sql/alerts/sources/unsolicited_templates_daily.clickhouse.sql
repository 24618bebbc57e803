-- Marketing template messages sent to a customer who had not written in the 24 h before: per
-- customer and local date, the largest number of such templates within any 24 h ending at one of
-- them. Utility and authentication templates (order updates, codes) are expected and not counted; a
-- template without a category counts. Only rows with at least 2 are returned: a lone template
-- breaks no cap. The staged messages do not keep template_category, so it is looked up in
-- raw_messages for the template messages of the window only.
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
        groupArrayIf(ts_ms, is_marketing_template = 1) AS templates
      FROM (
        SELECT
          customer_key,
          is_inbound_content,
          ts_ms,
          toUInt8(direction = 'outbound' AND isNotNull(template_name) AND coalesce(lower(raw_template_category), 'marketing') = 'marketing') AS is_marketing_template
        FROM stg_messages
        ANY LEFT JOIN (
          SELECT message_id, min(template_category) AS raw_template_category
          FROM raw_messages
          WHERE isNotNull(template_name)
            AND ts >= toDateTime(toDate({from_date}), 'UTC') - 3 * 86400
            AND ts < toDateTime(toDate({to_date}), 'UTC') + 2 * 86400
          GROUP BY message_id
        ) AS categories USING (message_id)
        WHERE local_date BETWEEN toDate({from_date}) - 2 AND toDate({to_date})
      )
      GROUP BY customer_key
    )
    ARRAY JOIN templates AS t
    GROUP BY customer_key
  )
  ARRAY JOIN unsolicited AS t
  GROUP BY period, dimension
)
WHERE max_in_24h >= 2 AND period BETWEEN toDate({from_date}) AND toDate({to_date})
