SELECT * FROM mart_keywords_weekly WHERE week_start = CAST({week_start} AS Date) ORDER BY messages DESC, keyword
