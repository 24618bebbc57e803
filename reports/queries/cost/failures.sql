-- Failed messages of the week by WhatsApp error code.
SELECT error_code, error_title, failed_total AS failed
FROM (
  SELECT error_code, error_title, sum(failed) AS failed_total
  FROM mart_failures
  WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
  GROUP BY error_code, error_title
) AS by_code
ORDER BY failed DESC, error_code
