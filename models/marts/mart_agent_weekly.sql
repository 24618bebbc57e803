{#
  Agent weekly (METRICS.md): answered turns by ISO week of turn start × responder (bots as
  'bot'), with the change against the same responder's previous week.
#}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  agent_id,
  answered_turns,
  {{ median_of('response_stats') }} AS median_response_s,
  {{ safe_div('response_sum', 'answered_turns') }} AS mean_response_s,
  {{ safe_div('slow_turns', 'answered_turns') }} AS slow_rate,
  {{ flag(safe_div('response_sum', 'answered_turns') ~ ' > 360') }} AS flag_slow,
  coalesce(previous_answered_turns, 0) AS previous_answered_turns,
  {{ safe_div('answered_turns - coalesce(previous_answered_turns, 0)', 'coalesce(previous_answered_turns, 0)') }} AS turns_change
FROM (
  SELECT
    week_start,
    coalesce(responder_id, 'unknown_agent') AS agent_id,
    count(*) AS answered_turns,
    {{ order_stats('response_s') }} AS response_stats,
    sum(response_s) AS response_sum,
    countIf(response_s > 360) AS slow_turns
  FROM {{ ref('int_turns') }}
  WHERE answered = 1
  GROUP BY week_start, agent_id
) this_week
LEFT JOIN (
  SELECT previous_week + 7 AS week_start, agent_id, previous_answered_turns
  FROM (
    SELECT week_start AS previous_week, coalesce(responder_id, 'unknown_agent') AS agent_id, count(*) AS previous_answered_turns
    FROM {{ ref('int_turns') }}
    WHERE answered = 1
    GROUP BY week_start, agent_id
  ) counted
) previous_week USING (week_start, agent_id)
