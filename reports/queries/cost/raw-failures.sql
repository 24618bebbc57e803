SELECT * FROM mart_failures
WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
ORDER BY local_date, error_code
