{#
  int_turn_levels on ClickHouse (the definition is in int_turn_levels.base.njk). Joining each turn
  to every match of its customer grows with the square of a customer's history, so keyword labels
  are counted per (clock, customer, category) instead, in one sorted array of keys: turn starts
  (ts * 4), matches (ts * 4 + 1) and replies (ts * 4 + 2; an unanswered turn's reply lies past
  everything). At a start, the running count of matches is those before the start; at a reply,
  those up to and including the reply; their difference is the turn's matches. Each count is put
  back in the turn's own order by its index, so turns need no sorting, and the turn's columns
  travel in the arrays (as tuples: groupArray skips NULLs), so the labels need no join back.
#}
{% extends "intermediate/int_turn_levels.base.njk" %}
{% block labels %}
SELECT clock, turn_id, turn.1 AS local_date, turn.2 AS week_start, turn.3 AS answered, turn.4 AS response_s, turn.5 AS business_response_s, 'label' AS level, category AS level_value
FROM (
  SELECT
    clock, category, turn_ids, turns,
    arrayConcat(start_keys, arrayMap(ts -> ts * 4 + 1, match_ts), reply_keys) AS keys,
    arraySort(keys) AS sorted_keys,
    arraySort((i, k) -> k, arrayConcat(arrayEnumerate(start_keys), arrayMap(ts -> toUInt32(0), match_ts), arrayEnumerate(reply_keys)), keys) AS sorted_turns,
    arrayCumSum(arrayMap(k -> toUInt32(bitAnd(k, 3) = 1), sorted_keys)) AS matches_so_far,
    arraySort((c, i) -> i,
      arrayFilter((c, k) -> bitAnd(k, 3) = 0, matches_so_far, sorted_keys),
      arrayFilter((i, k) -> bitAnd(k, 3) = 0, sorted_turns, sorted_keys)) AS before_start,
    arraySort((c, i) -> i,
      arrayFilter((c, k) -> bitAnd(k, 3) >= 2, matches_so_far, sorted_keys),
      arrayFilter((i, k) -> bitAnd(k, 3) >= 2, sorted_turns, sorted_keys)) AS up_to_reply,
    arrayMap((a, b) -> b - a, before_start, up_to_reply) AS hits
  FROM (
    SELECT
      clock, customer_key,
      groupArray(turn_id) AS turn_ids,
      groupArray((local_date, week_start, answered, response_s, business_response_s)) AS turns,
      groupArray(start_ms * 4) AS start_keys,
      groupArray(if(answered = 1, assumeNotNull(reply_ms) * 4 + 2, toInt64(9223372036854775807))) AS reply_keys
    FROM {{ ref('int_service_turns') }}
    GROUP BY clock, customer_key
  ) customer_turns
  INNER JOIN (
    SELECT customer_key, category, groupArray(ts_ms) AS match_ts
    FROM {{ ref('int_keyword_matches') }}
    GROUP BY customer_key, category
  ) customer_matches USING (customer_key)
)
ARRAY JOIN turn_ids AS turn_id, turns AS turn, hits AS hit
WHERE hit > 0
UNION ALL
{{ tag_labels }}
{% endblock %}
