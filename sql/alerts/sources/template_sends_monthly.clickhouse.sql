-- Sends of the same template to the same customer per local calendar month.
-- Only rows with at least 2 sends are returned: one send breaks no cap.
SELECT
  toStartOfMonth(local_date)                                      AS period,
  concat(customer_key, ' / ', assumeNotNull(template_name))       AS dimension,
  count()                                                         AS sends
FROM stg_messages
WHERE direction = 'outbound' AND isNotNull(template_name)
  AND local_date BETWEEN toStartOfMonth(toDate({from_date})) AND toDate({to_date})
GROUP BY period, dimension
HAVING count() >= 2
