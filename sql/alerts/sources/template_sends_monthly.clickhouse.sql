-- Sends of the same marketing template to the same customer per local calendar month (utility
-- and authentication templates are expected as often as orders and logins need them; a template
-- without a category counts). Only rows with at least 2 sends are returned: one send breaks no cap.
-- The staged messages do not keep template_category: it is looked up in raw_messages.
SELECT
  toStartOfMonth(local_date)                                  AS period,
  concat(customer_key, ' / ', assumeNotNull(template_name))   AS dimension,
  count()                                                     AS sends
FROM stg_messages
ANY LEFT JOIN (
  SELECT message_id, min(template_category) AS raw_template_category
  FROM raw_messages
  WHERE isNotNull(template_name)
    AND ts >= toDateTime(toStartOfMonth(toDate({from_date})), 'UTC') - 2 * 86400
    AND ts < toDateTime(toDate({to_date}), 'UTC') + 2 * 86400
  GROUP BY message_id
) AS categories USING (message_id)
WHERE direction = 'outbound' AND isNotNull(template_name) AND coalesce(lower(raw_template_category), 'marketing') = 'marketing'
  AND local_date BETWEEN toStartOfMonth(toDate({from_date})) AND toDate({to_date})
GROUP BY period, dimension
HAVING count() >= 2
