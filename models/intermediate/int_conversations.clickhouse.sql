{#
  int_conversations on ClickHouse; the definition is in int_conversations.base.njk. Each
  customer's content messages form one sorted array; conversations are segments of it, summed
  with running sums (segment_sums) and expanded into rows once.
  Complaint and handoff flags enter the array as elements of their own, one per matched message,
  sorted just before that message (same time, same direction, same id, is_message 0): they never
  start or end a segment, and count as no message. Two `IN` sets of message ids cost 18.16 5–8 s
  inside this grouping at 10 M messages (1.7 s on their own); with the matches in the array the
  model takes 9.5 s instead of 22 s (docs/model-performance.md).
#}
{% extends "intermediate/int_conversations.base.njk" %}
{% block conversations %}
  SELECT
    customer_key, start_ms, end_ms, messages, inbound_messages, last_is_responder,
    resolution_events, complaint_messages, handoff_messages, sentiment_sum, sentiment_count
  FROM (
    SELECT
      customer_key,
      {{ segment_pick('ts', 'starts') }} AS start_list,
      {{ segment_pick('ts', 'ends') }} AS end_list,
      {{ segment_sums('message', 'starts', 'ends') }} AS message_counts,
      {{ segment_sums('inbound', 'starts', 'ends') }} AS inbound_counts,
      {{ segment_pick('responder', 'ends') }} AS last_responder_list,
      {{ segment_sums('resolution', 'starts', 'ends') }} AS resolution_counts,
      {{ segment_sums('complaint', 'starts', 'ends') }} AS complaint_counts,
      {{ segment_sums('handoff', 'starts', 'ends') }} AS handoff_counts,
      {{ segment_sums('sentiment', 'starts', 'ends') }} AS sentiment_sums,
      {{ segment_sums('has_sentiment', 'starts', 'ends') }} AS sentiment_counts
    FROM (
      SELECT
        customer_key,
        arrayMap(x -> x.1, seq) AS ts,
        arrayMap(x -> toUInt64(x.4), seq) AS message,
        arrayMap(x -> toUInt64(x.5), seq) AS inbound,
        arrayMap(x -> toInt32(x.6), seq) AS responder,
        arrayMap(x -> toUInt64(x.7), seq) AS resolution,
        arrayMap(x -> toUInt64(x.8), seq) AS complaint,
        arrayMap(x -> toUInt64(x.9), seq) AS handoff,
        arrayMap(x -> x.10, seq) AS sentiment,
        arrayMap(x -> toUInt64(x.11), seq) AS has_sentiment,
        arrayMap((gap, i) -> toUInt8(i = 1 OR gap > {{ vars.session_gap_s * 1000 }}), arrayDifference(ts), arrayEnumerate(ts)) AS starts,
        arrayConcat(arraySlice(starts, 2), [toUInt8(1)]) AS ends
      FROM (
        SELECT
          customer_key,
          arraySort(groupArray((
            ts_ms, direction_order, message_id, is_message, is_inbound_content, is_responder, is_resolution, is_complaint, is_handoff,
            sentiment_value, has_sentiment
          ))) AS seq
        {# 18.16 refuses a UNION ALL column that is constant in one branch only, hence materialize(). #}
        FROM (
          SELECT
            customer_key, ts_ms, toUInt8(direction_order) AS direction_order, message_id, materialize(toUInt8(1)) AS is_message,
            toUInt8(is_inbound_content) AS is_inbound_content, toUInt8(is_responder) AS is_responder,
            toUInt8({{ is_resolution }}) AS is_resolution,
            materialize(toUInt8(0)) AS is_complaint, materialize(toUInt8(0)) AS is_handoff,
            if(is_inbound_content = 1 AND sentiment IS NOT NULL, assumeNotNull(sentiment), 0.) AS sentiment_value,
            toUInt8(is_inbound_content = 1 AND sentiment IS NOT NULL) AS has_sentiment
          FROM {{ ref('stg_messages') }}
          WHERE is_content = 1
          UNION ALL
          {# Matches are of inbound content messages: direction_order 0 like their message. #}
          SELECT
            customer_key, ts_ms, materialize(toUInt8(0)) AS direction_order, message_id, materialize(toUInt8(0)) AS is_message,
            materialize(toUInt8(0)) AS is_inbound_content, materialize(toUInt8(0)) AS is_responder, materialize(toUInt8(0)) AS is_resolution,
            toUInt8(max(category = 'complaint')) AS is_complaint, toUInt8(max(category = 'handoff')) AS is_handoff,
            materialize(0.) AS sentiment_value, materialize(toUInt8(0)) AS has_sentiment
          FROM {{ ref('int_keyword_matches') }}
          WHERE category IN ('complaint', 'handoff')
          GROUP BY customer_key, ts_ms, message_id
        ) events
        GROUP BY customer_key
      ) sequences
    ) marked
  )
  ARRAY JOIN
    start_list AS start_ms,
    end_list AS end_ms,
    message_counts AS messages,
    inbound_counts AS inbound_messages,
    last_responder_list AS last_is_responder,
    resolution_counts AS resolution_events,
    complaint_counts AS complaint_messages,
    handoff_counts AS handoff_messages,
    sentiment_sums AS sentiment_sum,
    sentiment_counts AS sentiment_count
{% endblock %}
