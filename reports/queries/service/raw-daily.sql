SELECT * FROM mart_service_daily
WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
ORDER BY local_date
