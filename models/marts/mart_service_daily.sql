{# Daily service (METRICS.md): turns by local date of turn start, messages by local date; every date of the data. #}
SELECT
  local_date,
  coalesce(turns, 0) AS turns,
  coalesce(answered_turns, 0) AS answered_turns,
  coalesce(turns, 0) - coalesce(answered_turns, 0) AS unanswered_turns,
  {{ median_of('response_stats') }} AS median_response_s,
  {{ p90_of('response_stats') }} AS p90_response_s,
  {{ safe_div('response_sum', 'answered_turns') }} AS mean_response_s,
  {{ safe_div('within_sla', 'answered_turns') }} AS within_sla_rate,
  coalesce(inbound_messages, 0) AS inbound_messages,
  coalesce(outbound_messages, 0) AS outbound_messages
FROM (
  SELECT local_date, turns, answered_turns, response_stats, response_sum, within_sla
  FROM ({{ date_spine(ref('int_run_params')) }}) days
  LEFT JOIN (
    SELECT
      local_date,
      count(*) AS turns,
      countIf(answered = 1) AS answered_turns,
      {{ order_stats('response_s', 'answered = 1') }} AS response_stats,
      sum(response_s) AS response_sum,
      countIf(response_s <= {{ vars.sla_seconds }}) AS within_sla
    FROM {{ ref('int_turns') }}
    GROUP BY local_date
  ) turns_by_day USING (local_date)
) days_with_turns
LEFT JOIN (
  SELECT
    local_date,
    countIf(is_inbound_content = 1) AS inbound_messages,
    countIf(is_content = 1 AND direction = 'outbound') AS outbound_messages
  FROM {{ ref('stg_messages') }}
  GROUP BY local_date
) messages_by_day USING (local_date)
