-- Sends of the same marketing template to the same customer per local calendar month (utility
-- and authentication templates are expected as often as orders and logins need them; a template
-- without a category counts). Only rows with at least 2 sends are returned: one send breaks no cap.
-- The staged messages do not keep template_category: it is looked up in raw_messages.
WITH categories AS (
  SELECT message_id, min(template_category) AS template_category
  FROM raw_messages
  WHERE template_name IS NOT NULL
    AND ts >= CAST(date_trunc('month', CAST({from_date} AS DATE)) AS TIMESTAMP) - INTERVAL 2 DAY
    AND ts < CAST({to_date} AS TIMESTAMP) + INTERVAL 2 DAY
  GROUP BY message_id
)
SELECT
  CAST(date_trunc('month', m.local_date) AS DATE)       AS period,
  concat(m.customer_key, ' / ', m.template_name)        AS dimension,
  count(*)                                              AS sends
FROM stg_messages m
LEFT JOIN categories c ON c.message_id = m.message_id
WHERE m.direction = 'outbound' AND m.template_name IS NOT NULL AND coalesce(lower(c.template_category), 'marketing') = 'marketing'
  AND m.local_date BETWEEN CAST(date_trunc('month', CAST({from_date} AS DATE)) AS DATE) AND CAST({to_date} AS DATE)
GROUP BY 1, 2
HAVING count(*) >= 2
