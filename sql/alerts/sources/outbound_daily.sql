-- Outbound content messages per local date and business number (phone_number_id), from the
-- staged messages (one row per message id).
SELECT
  local_date                      AS period,
  coalesce(phone_number_id, '')   AS dimension,
  count(*)                        AS outbound_messages
FROM stg_messages
WHERE direction = 'outbound'
  AND is_content = 1
  AND local_date BETWEEN CAST({from_date} AS DATE) AND CAST({to_date} AS DATE)
GROUP BY local_date, coalesce(phone_number_id, '')
