SELECT * FROM mart_hourly_heatmap
WHERE week_start = CAST({week_start} AS Date)
ORDER BY local_weekday, local_hour
