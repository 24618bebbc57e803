SELECT * FROM mart_terms_weekly WHERE week_start = CAST({week_start} AS Date) AND rank <= 50 ORDER BY rank
