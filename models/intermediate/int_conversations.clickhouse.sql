{#
  int_conversations on ClickHouse; the definition is in int_conversations.base.njk. Each
  customer's content messages form one sorted array; conversations are segments of it, summed
  with running sums (segment_sums) and expanded into rows once.
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
      {{ segment_sums('arrayMap(x -> toUInt64(1), ts)', 'starts', 'ends') }} AS message_counts,
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
        arrayMap(x -> toUInt64(x.4), seq) AS inbound,
        arrayMap(x -> toInt32(x.5), seq) AS responder,
        arrayMap(x -> toUInt64(x.6), seq) AS resolution,
        arrayMap(x -> toUInt64(x.7), seq) AS complaint,
        arrayMap(x -> toUInt64(x.8), seq) AS handoff,
        arrayMap(x -> x.9, seq) AS sentiment,
        arrayMap(x -> toUInt64(x.10), seq) AS has_sentiment,
        arrayMap((gap, i) -> toUInt8(i = 1 OR gap > {{ vars.session_gap_s * 1000 }}), arrayDifference(ts), arrayEnumerate(ts)) AS starts,
        arrayConcat(arraySlice(starts, 2), [toUInt8(1)]) AS ends
      FROM (
        SELECT
          customer_key,
          arraySort(groupArray((
            ts_ms, direction_order, message_id, is_inbound_content, is_responder, is_resolution, is_complaint, is_handoff,
            if(is_inbound_content = 1 AND sentiment IS NOT NULL, assumeNotNull(sentiment), 0.),
            is_inbound_content = 1 AND sentiment IS NOT NULL
          ))) AS seq
        FROM ({{ content_messages }}) messages
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
