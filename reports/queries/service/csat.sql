SELECT csat_mean, responses AS csat_responses
FROM mart_csat_weekly
WHERE week_start = CAST({week_start} AS Date)
