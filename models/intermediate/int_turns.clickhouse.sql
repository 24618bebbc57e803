{#
  int_turns on ClickHouse; the definition is in int_turns.base.njk. ClickHouse 18.16 has no
  window functions and its lambdas copy a captured array once per element, so each customer's sequence is one
  sorted array; turn starts and first replies are picked out as aligned arrays (the k-th reply
  answers the k-th turn: only the last turn can lack one) and only those are expanded into rows.
#}
{% extends "intermediate/int_turns.base.njk" %}
{% block turns %}
  SELECT
    turn_id,
    customer_key,
    phone_number_id,
    start_ms,
    inbound_messages,
    if(k <= replies, next_reply_id, NULL) AS reply_message_id,
    if(k <= replies, next_reply_ms, NULL) AS reply_ms,
    if(k <= replies, next_reply_who, NULL) AS responder_id
  FROM (
    SELECT
      customer_key,
      replies,
      arrayFilter((x, s) -> s = 1, ids, is_start) AS start_ids,
      arrayFilter((x, s) -> s = 1, ts, is_start) AS start_ts,
      arrayFilter((x, s) -> s = 1, phones, is_start) AS start_phones,
      arrayResize(arrayFilter((x, r) -> r = 1, ids, is_reply), length(start_idx)) AS reply_ids,
      arrayResize(arrayFilter((x, r) -> r = 1, ts, is_reply), length(start_idx)) AS reply_ts,
      arrayResize(arrayFilter((x, r) -> r = 1, who, is_reply), length(start_idx)) AS reply_whos,
      {# Inbound messages of a turn: from its start to its reply, or to the end when unanswered. #}
      arrayMap((s, r) -> toUInt64(r - s), start_idx, arrayResize(reply_idx, length(start_idx), toUInt32(length(ids) + 1))) AS inbound_counts
    FROM (
      SELECT
        customer_key,
        arrayMap(x -> x.1, seq) AS ts,
        arrayMap(x -> x.3, seq) AS ids,
        arrayMap(x -> x.4, seq) AS resp,
        arrayMap(x -> x.5, seq) AS who,
        arrayMap(x -> x.6, seq) AS phones,
        {# prev_resp[i] = resp[i - 1]; the first message counts as following a reply. #}
        arraySlice(arrayConcat([toInt32(1)], resp), 1, length(resp)) AS prev_resp,
        arrayMap((r, p) -> toUInt8(r = 0 AND p = 1), resp, prev_resp) AS is_start,
        arrayMap((r, p, t) -> toUInt8(r = 1 AND p = 0 AND t > 0), resp, prev_resp, arrayCumSum(is_start)) AS is_reply,
        arrayFilter((i, s) -> s = 1, arrayEnumerate(seq), is_start) AS start_idx,
        arrayFilter((i, r) -> r = 1, arrayEnumerate(seq), is_reply) AS reply_idx,
        length(reply_idx) AS replies
      FROM (
        SELECT
          customer_key,
          arraySort(groupArray((ts_ms, direction_order, message_id, {{ replier }}, coalesce(responder_id, ''), phone_number_id))) AS seq
        FROM {{ ref('stg_messages') }}
        WHERE is_inbound_content = 1 OR {{ replier }} = 1
        GROUP BY customer_key
      ) sequences
    ) marked
  )
  ARRAY JOIN
    start_ids AS turn_id,
    start_ts AS start_ms,
    start_phones AS phone_number_id,
    reply_ids AS next_reply_id,
    reply_ts AS next_reply_ms,
    reply_whos AS next_reply_who,
    inbound_counts AS inbound_messages,
    arrayEnumerate(start_ids) AS k
{% endblock %}
