{#
  Outbound content messages with their delivery state (int_message_states; 'sent' without any
  status), read latency, and whether a tracked link in them was clicked within 7 days.
#}
SELECT
  message_id,
  customer_key,
  sender_kind,
  template_name,
  ts_ms,
  local_date,
  week_start,
  has_emoji,
  state,
  read_latency_s,
  coalesce(clicked, 0) AS clicked
FROM (
  SELECT
    message_id, customer_key, sender_kind, template_name, ts_ms, local_date, week_start, has_emoji,
    coalesce(nullif(state, ''), 'sent') AS state,
    CASE WHEN state = 'read' THEN {{ seconds_between('ts_ms', 'read_ms') }} END AS read_latency_s
  FROM (
    SELECT message_id, customer_key, sender_kind, template_name, ts_ms, local_date, week_start, has_emoji
    FROM {{ ref('stg_messages') }}
    WHERE direction = 'outbound' AND is_content = 1
  ) messages
  LEFT JOIN (SELECT message_id, state, read_ms FROM {{ ref('int_message_states') }}) states USING (message_id)
) with_states
LEFT JOIN (
  SELECT message_id, max({{ flag('click_ms >= sent_ms AND click_ms <= sent_ms + 7 * 86400000') }}) AS clicked
  {# The clicks, far fewer than the sends, are the side ClickHouse holds in memory (the right one). #}
  FROM (SELECT message_id, ts_ms AS sent_ms FROM {{ ref('stg_messages') }} WHERE direction = 'outbound') sends
  INNER JOIN (SELECT message_id, ts_ms AS click_ms FROM {{ ref('stg_clicks') }} WHERE message_id IS NOT NULL) clicks USING (message_id)
  GROUP BY message_id
) clicked_messages USING (message_id)
