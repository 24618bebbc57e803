SELECT * FROM mart_agent_weekly
WHERE week_start = CAST({week_start} AS Date)
ORDER BY agent_id
