SELECT * FROM mart_cost_weekly WHERE week_start = CAST({week_start} AS Date) ORDER BY channel
