{#
  Conversations (METRICS.md): a customer's content messages, all directions and sender kinds,
  split wherever two consecutive messages are more than session_gap apart. Closed when the
  last message is at least session_gap before the end of the data; resolved when closed and
  its last message is a responder message or it holds a resolution event (a content message
  whose interactive_id is one of config metrics.resolution_ids).

  Each customer's messages form one sorted array; conversations are segments of it, summed
  with running sums (see segment_sums) and expanded into rows once.
#}
SELECT
  concat(customer_key, '-', toString(start_ms)) AS conversation_id,
  customer_key,
  start_ms,
  end_ms,
  {{ local_date('start_ms') }} AS local_date,
  {{ week_start(local_date('start_ms')) }} AS week_start,
  messages,
  inbound_messages,
  {{ flag('inbound_messages > 0') }} AS is_interaction,
  last_is_responder,
  {{ flag('resolution_events > 0') }} AS has_resolution_event,
  {{ flag('complaint_messages > 0') }} AS has_complaint,
  {{ flag('handoff_messages > 0') }} AS has_handoff,
  {{ safe_div('sentiment_sum', 'sentiment_count') }} AS inbound_sentiment_mean,
  {{ closed_flag('end_ms', ref('int_run_params')) }} AS closed,
  {{ closed_flag('end_ms', ref('int_run_params')) }} * {{ flag('last_is_responder = 1 OR resolution_events > 0') }} AS resolved
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
      FROM (
        SELECT
          message_id, customer_key, ts_ms, direction_order, is_inbound_content, is_responder, sentiment,
          {{ flag('coalesce(interactive_id, \'\') IN (' ~ (vars.resolution_ids | lits) ~ ')') }} AS is_resolution,
          is_complaint,
          is_handoff
        FROM {{ ref('stg_messages') }}
        LEFT JOIN (
          SELECT message_id, max({{ flag("category = 'complaint'") }}) AS is_complaint, max({{ flag("category = 'handoff'") }}) AS is_handoff
          FROM {{ ref('int_keyword_matches') }}
          GROUP BY message_id
        ) flags USING (message_id)
        WHERE is_content = 1
      ) messages
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
