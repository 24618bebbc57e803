-- Sends of the same template to the same customer per local calendar month.
-- Only rows with at least 2 sends are returned: one send breaks no cap.
SELECT
  CAST(date_trunc('month', local_date) AS DATE)     AS period,
  concat(customer_key, ' / ', template_name)        AS dimension,
  count(*)                                          AS sends
FROM stg_messages
WHERE direction = 'outbound' AND template_name IS NOT NULL
  AND local_date BETWEEN CAST(date_trunc('month', CAST({from_date} AS DATE)) AS DATE) AND CAST({to_date} AS DATE)
GROUP BY 1, 2
HAVING count(*) >= 2
