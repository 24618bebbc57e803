{#
  int_turn_levels on ClickHouse (the definition is in int_turn_levels.base.njk). Joining each turn
  to every match of its customer grows with the square of a customer's history, so keyword labels
  are counted per (clock, customer, category) instead, in one sorted array of keys: turn starts
  (ts * 4), matches (ts * 4 + 1) and replies (ts * 4 + 2; an unanswered turn's reply lies past
  everything). At a start, the running count of matches is those before the start; at a reply,
  those up to and including the reply; their difference is the turn's matches. A customer's turns
  on one clock follow one another (each starts after the previous one's reply), so in key order the
  k-th start and the k-th reply are the k-th turn's: the turns are put in start order once per
  customer, before the join, and no turn index is carried through the sort (that took a second
  sort, by lambda, per category: 16 % of the query's CPU at 10 M). The turn's columns travel in the
  arrays (as tuples: groupArray skips NULLs), so the labels need no join back.
#}
{% extends "intermediate/int_turn_levels.base.njk" %}
{% block labels %}
SELECT clock, turn.1 AS turn_id, turn.2 AS local_date, turn.3 AS week_start, turn.4 AS answered, turn.5 AS response_s, turn.6 AS business_response_s, 'label' AS level, category AS level_value
FROM (
  SELECT
    clock, category, turns,
    arraySort(arrayConcat(start_keys, arrayMap(ts -> ts * 4 + 1, match_ts), reply_keys)) AS sorted_keys,
    arrayCumSum(arrayMap(k -> toUInt32(bitAnd(k, 3) = 1), sorted_keys)) AS matches_so_far,
    arrayMap((before_start, up_to_reply) -> up_to_reply - before_start,
      arrayFilter((c, k) -> bitAnd(k, 3) = 0, matches_so_far, sorted_keys),
      arrayFilter((c, k) -> bitAnd(k, 3) >= 2, matches_so_far, sorted_keys)) AS hits
  FROM (
    SELECT
      clock, customer_key,
      groupArray(start_ms * 4) AS start_keys,
      arraySort((turn, start) -> start, groupArray((turn_id, local_date, week_start, answered, response_s, business_response_s)), start_keys) AS turns,
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
ARRAY JOIN turns AS turn, hits AS hit
WHERE hit > 0
UNION ALL
{{ tag_labels }}
{% endblock %}
