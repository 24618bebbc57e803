SELECT * FROM mart_funnel WHERE week_start = CAST({week_start} AS Date)
