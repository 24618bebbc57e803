{#
  int_conversations on DuckDB (the definition is in int_conversations.base.njk): conversation
  numbers from window functions. The second window's sort also numbers the messages (seq), so the
  last message is picked by an integer instead of comparing (ts_ms, direction_order, message_id)
  tuples.
#}
{% extends "intermediate/int_conversations.base.njk" %}
{% block conversations %}
  {% set content_messages %}
  SELECT
    message_id, customer_key, ts_ms, direction_order, is_inbound_content, is_responder, sentiment,
    {{ is_resolution }} AS is_resolution,
    {# Membership tests rather than a join on message_id: DuckDB only looks the id up in a set, which costs less than building joined rows. #}
    {{ flag("message_id IN (SELECT message_id FROM " ~ ref('int_keyword_matches') ~ " WHERE category = 'complaint')") }} AS is_complaint,
    {{ flag("message_id IN (SELECT message_id FROM " ~ ref('int_keyword_matches') ~ " WHERE category = 'handoff')") }} AS is_handoff
  FROM {{ ref('stg_messages') }}
  WHERE is_content = 1
  {% endset %}
  SELECT
    customer_key,
    min(ts_ms) AS start_ms,
    max(ts_ms) AS end_ms,
    count(*) AS messages,
    sum(is_inbound_content) AS inbound_messages,
    arg_max(is_responder, seq) AS last_is_responder,
    sum(is_resolution) AS resolution_events,
    sum(is_complaint) AS complaint_messages,
    sum(is_handoff) AS handoff_messages,
    coalesce(sum(sentiment) FILTER (WHERE is_inbound_content = 1), 0) AS sentiment_sum,
    count(sentiment) FILTER (WHERE is_inbound_content = 1) AS sentiment_count
  FROM (
    SELECT
      *,
      sum(is_new) OVER message_order AS conversation_no,
      row_number() OVER message_order AS seq
    FROM (
      SELECT
        messages.*,
        CASE WHEN ts_ms - lag(ts_ms) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id) <= {{ vars.session_gap_s * 1000 }}
             THEN 0 ELSE 1 END AS is_new
      FROM ({{ content_messages }}) messages
    ) marked
    WINDOW message_order AS (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id ROWS UNBOUNDED PRECEDING)
  ) numbered
  GROUP BY customer_key, conversation_no
{% endblock %}
