SELECT responses, csat_mean, score_1, score_2, score_3, score_4, score_5
FROM mart_csat_weekly
WHERE week_start = CAST({week_start} AS Date)
