{#
  Conversations (METRICS.md): a customer's content messages, all directions and sender kinds,
  split wherever two consecutive messages are more than session_gap apart. Closed when the
  last message is at least session_gap before the end of the data; resolved when closed and
  its last message is a responder message or it holds a resolution event (a content message
  whose interactive_id is one of config metrics.resolution_ids).
#}
SELECT
  concat(customer_key, '-', CAST(start_ms AS VARCHAR)) AS conversation_id,
  customer_key,
  start_ms,
  end_ms,
  {{ local_date('start_ms') }} AS local_date,
  {{ week_start(local_date('start_ms')) }} AS week_start,
  messages,
  inbound_messages,
  {{ flag('inbound_messages > 0') }} AS is_interaction,
  last_is_responder,
  has_resolution_event,
  has_complaint,
  has_handoff,
  {{ safe_div('sentiment_sum', 'sentiment_count') }} AS inbound_sentiment_mean,
  {{ closed_flag('end_ms', ref('int_run_params')) }} AS closed,
  {{ closed_flag('end_ms', ref('int_run_params')) }} * {{ flag('last_is_responder = 1 OR has_resolution_event = 1') }} AS resolved
FROM (
  SELECT
    customer_key,
    min(ts_ms) AS start_ms,
    max(ts_ms) AS end_ms,
    count(*) AS messages,
    sum(is_inbound_content) AS inbound_messages,
    arg_max(is_responder, (ts_ms, direction_order, message_id)) AS last_is_responder,
    max(is_resolution) AS has_resolution_event,
    max(is_complaint) AS has_complaint,
    max(is_handoff) AS has_handoff,
    coalesce(sum(sentiment) FILTER (WHERE is_inbound_content = 1), 0) AS sentiment_sum,
    count(sentiment) FILTER (WHERE is_inbound_content = 1) AS sentiment_count
  FROM (
    SELECT
      *,
      sum(is_new) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id ROWS UNBOUNDED PRECEDING) AS conversation_no
    FROM (
      SELECT
        messages.*,
        CASE WHEN ts_ms - lag(ts_ms) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id) <= {{ vars.session_gap_s * 1000 }}
             THEN 0 ELSE 1 END AS is_new
      FROM (
        SELECT
          message_id, customer_key, ts_ms, direction_order, is_inbound_content, is_responder, sentiment,
          {{ flag('coalesce(interactive_id, \'\') IN (' ~ (vars.resolution_ids | lits) ~ ')') }} AS is_resolution,
          coalesce(is_complaint, 0) AS is_complaint,
          coalesce(is_handoff, 0) AS is_handoff
        FROM {{ ref('stg_messages') }}
        LEFT JOIN (
          SELECT message_id, max({{ flag("category = 'complaint'") }}) AS is_complaint, max({{ flag("category = 'handoff'") }}) AS is_handoff
          FROM {{ ref('int_keyword_matches') }}
          GROUP BY message_id
        ) flags USING (message_id)
        WHERE is_content = 1
      ) messages
    ) marked
  ) numbered
  GROUP BY customer_key, conversation_no
) conversations
