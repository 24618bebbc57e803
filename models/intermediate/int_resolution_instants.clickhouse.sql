{#
  int_resolution_instants on ClickHouse: the instants of int_resolution_instants.duckdb.sql (first
  inbound content message and resolving message of each resolved conversation) without joining
  every conversation to every message of its customer, which grows with the square of a history.
  Per customer, the resolved conversations (sorted by start) and the candidate messages become
  one sorted array of keys: starts (ts * 4), messages (ts * 4 + 1) and ends (ts * 4 + 2), so a
  message at a conversation's first or last instant sorts inside it. The running count of starts
  numbers the conversation a message falls in (inside when more starts than ends have passed);
  the first inbound and first resolution message of each number are spread back over the
  conversations with `missing` where there is none.
#}
{% set missing = 'toInt64(-9223372036854775808)' %}
{#
  Per conversation number 1..n: `name`, the value of `values` at the same position of `numbers`
  (distinct, ascending), else `missing`. The values and one `missing` per conversation are sorted by
  slot (2 × number, the value first), and the first of each number is kept.
#}
{% macro by_conversation(numbers, values, name) -%}
arrayConcat(arrayMap(n -> toUInt64(n) * 2, {{ numbers }}), arrayMap(n -> toUInt64(n) * 2 + 1, arrayEnumerate(conversations))) AS slots_{{ name }},
      arrayFilter((v, u) -> u = 1,
        arraySort((v, k) -> k, arrayConcat({{ values }}, arrayResize([{{ missing }}], length(conversations), {{ missing }})), slots_{{ name }}),
        arrayEnumerateUniq(arraySort(arrayMap(k -> intDiv(k, 2), slots_{{ name }})))) AS {{ name }}
{%- endmacro %}
{# The first message of each conversation number among the messages inside one with code bit `bit` (1 inbound, 2 resolution). #}
{% macro firsts(bit) -%}
arrayMap((k, c, o) -> toUInt8(k = 1 AND bitAnd(c, {{ bit }}) > 0 AND o = 1), kinds, codes, inside) AS candidates_{{ bit }},
      arrayFilter((n, m) -> m = 1, numbers, candidates_{{ bit }}) AS candidate_numbers_{{ bit }},
      arrayEnumerateUniq(candidate_numbers_{{ bit }}) AS first_of_number_{{ bit }},
      arrayFilter((n, u) -> u = 1, candidate_numbers_{{ bit }}, first_of_number_{{ bit }}) AS numbers_{{ bit }},
      arrayFilter((t, u) -> u = 1, arrayFilter((t, m) -> m = 1, sorted_keys, candidates_{{ bit }}), first_of_number_{{ bit }}) AS keys_{{ bit }}
{%- endmacro %}
SELECT conversation_id, conversation_date, first_inbound_ms, resolve_ms
FROM (
  SELECT
    conversation_id,
    conversation_date,
    first_inbound AS first_inbound_ms,
    if(first_resolution = {{ missing }}, end_ms, first_resolution) AS resolve_ms
  FROM (
    SELECT
      conversations,
      arrayMap(c -> c.3, conversations) AS ids,
      arrayMap(c -> c.4, conversations) AS dates,
      arrayMap(c -> c.2, conversations) AS ends,
      arrayConcat(arrayMap(c -> c.1 * 4, conversations), message_keys, arrayMap(c -> c.2 * 4 + 2, conversations)) AS keys,
      arraySort(keys) AS sorted_keys,
      arraySort((c, k) -> k, arrayConcat(arrayMap(c -> toUInt8(0), conversations), message_codes, arrayMap(c -> toUInt8(0), conversations)), keys) AS codes,
      arrayMap(k -> bitAnd(k, 3), sorted_keys) AS kinds,
      arrayCumSum(arrayMap(k -> toUInt64(k = 0), kinds)) AS numbers,
      arrayMap((s, e) -> toInt64(s) - toInt64(e), numbers, arrayCumSum(arrayMap(k -> toUInt64(k = 2), kinds))) AS inside,
      {{ firsts(1) }},
      {{ firsts(2) }},
      {{ by_conversation('numbers_1', 'arrayMap(k -> intDiv(k - 1, 4), keys_1)', 'inbound_list') }},
      {{ by_conversation('numbers_2', 'arrayMap(k -> intDiv(k - 1, 4), keys_2)', 'resolution_list') }}
    FROM (
      SELECT customer_key, groupArray(ts_ms * 4 + 1) AS message_keys, groupArray(toUInt8(is_inbound_content + 2 * is_resolution)) AS message_codes
      FROM (
        SELECT customer_key, ts_ms, is_inbound_content, {{ flag('coalesce(interactive_id, \'\') IN (' ~ (vars.resolution_ids | lits) ~ ')') }} AS is_resolution
        FROM {{ ref('stg_messages') }}
        WHERE is_content = 1
      ) content
      WHERE is_inbound_content = 1 OR is_resolution = 1
      GROUP BY customer_key
    ) customer_messages
    INNER JOIN (
      SELECT customer_key, arraySort(groupArray((start_ms, end_ms, conversation_id, local_date))) AS conversations
      FROM {{ ref('int_conversations') }}
      WHERE resolved = 1
      GROUP BY customer_key
    ) customer_conversations USING (customer_key)
  )
  ARRAY JOIN ids AS conversation_id, dates AS conversation_date, ends AS end_ms, inbound_list AS first_inbound, resolution_list AS first_resolution
  WHERE first_inbound != {{ missing }}
) timed
WHERE resolve_ms >= first_inbound_ms
