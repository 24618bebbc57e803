{#
  Turns (METRICS.md, Service efficiency). Over each customer's inbound content and responder
  messages in METRICS.md order, a turn starts at an inbound message whose previous message is a
  responder message (or that has none); it runs until the next turn start, and its first
  responder message answers it. Campaign messages are not in the sequence, so they neither
  answer nor split a turn.
#}
SELECT
  turn_id,
  customer_key,
  start_ms,
  {{ local_date('start_ms') }} AS local_date,
  {{ week_start(local_date('start_ms')) }} AS week_start,
  inbound_messages,
  {{ flag('reply_ms IS NOT NULL') }} AS answered,
  reply_message_id,
  reply_ms,
  responder_id,
  {{ seconds_between('start_ms', 'reply_ms') }} AS response_s
FROM (
  SELECT
    customer_key,
    arg_min(message_id, (ts_ms, direction_order, message_id)) AS turn_id,
    min(ts_ms) AS start_ms,
    count(*) FILTER (WHERE is_responder = 0) AS inbound_messages,
    arg_min(message_id, (ts_ms, direction_order, message_id)) FILTER (WHERE is_responder = 1) AS reply_message_id,
    min(ts_ms) FILTER (WHERE is_responder = 1) AS reply_ms,
    arg_min(responder_id, (ts_ms, direction_order, message_id)) FILTER (WHERE is_responder = 1) AS responder_id
  FROM (
    SELECT
      *,
      sum(is_start) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id ROWS UNBOUNDED PRECEDING) AS turn_no
    FROM (
      SELECT
        customer_key, message_id, ts_ms, direction_order, is_responder, responder_id,
        CASE WHEN is_responder = 0
              AND coalesce(lag(is_responder) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id), 1) = 1
             THEN 1 ELSE 0 END AS is_start
      FROM {{ ref('stg_messages') }}
      WHERE is_inbound_content = 1 OR is_responder = 1
    ) flagged
  ) numbered
  WHERE turn_no > 0
  GROUP BY customer_key, turn_no
) turns
