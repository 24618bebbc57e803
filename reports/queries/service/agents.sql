SELECT agent_id, answered_turns, median_response_s, mean_response_s, slow_rate, flag_slow
FROM mart_agent_weekly
WHERE week_start = CAST({week_start} AS Date)
ORDER BY answered_turns DESC, agent_id
