-- Per ISO week (starting Monday) and responder; bots are grouped under agent_id 'bot' (mart_agent_weekly).
SELECT
  week_start        AS period,
  agent_id          AS dimension,
  answered_turns,
  median_response_s,
  mean_response_s,
  slow_rate
FROM mart_agent_weekly
