{# int_turns on DuckDB (the definition is in int_turns.base.njk): turn numbers from window functions. #}
{% extends "intermediate/int_turns.base.njk" %}
{% block turns %}
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
        customer_key, message_id, ts_ms, direction_order, {{ replier }} AS is_responder, responder_id,
        CASE WHEN {{ replier }} = 0
              AND coalesce(lag({{ replier }}) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id), 1) = 1
             THEN 1 ELSE 0 END AS is_start
      FROM {{ ref('stg_messages') }}
      WHERE is_inbound_content = 1 OR {{ replier }} = 1
    ) flagged
  ) numbered
  WHERE turn_no > 0
  GROUP BY customer_key, turn_no
{% endblock %}
