{#
  The levels service metrics are reported at, as one grouping dimension: each turn of
  int_service_turns once per (level, level_value) it belongs to. account: every turn ('all');
  phone_number: the business number it came in on; agent and team: the answering agent and its
  team (answered turns only); label: each keyword category matched by an inbound message of the
  turn (from its start up to its reply) and each CRM tag of the customer ('tag:' + tag).
#}
{% set turn_columns = 'clock, turn_id, local_date, week_start, answered, response_s, business_response_s' %}
SELECT {{ turn_columns }}, 'account' AS level, 'all' AS level_value
FROM {{ ref('int_service_turns') }}
UNION ALL
SELECT {{ turn_columns }}, 'phone_number' AS level, coalesce(phone_number_id, 'unknown') AS level_value
FROM {{ ref('int_service_turns') }}
UNION ALL
SELECT {{ turn_columns }}, 'agent' AS level, coalesce(responder_id, '') AS level_value
FROM {{ ref('int_service_turns') }}
WHERE answered = 1
UNION ALL
SELECT {{ turn_columns }}, 'team' AS level, coalesce(team, '') AS level_value
FROM {{ ref('int_service_turns') }}
WHERE answered = 1 AND team IS NOT NULL
UNION ALL
{#
  Labels are found on the narrow key (clock, turn_id) and only then joined to the turn's columns:
  the customer join fans out to every (turn, match) pair, and deduplicating that on the key alone
  is several times cheaper than on all the turn columns.
#}
SELECT {{ turn_columns }}, 'label' AS level, label AS level_value
FROM {{ ref('int_service_turns') }}
INNER JOIN (
  SELECT DISTINCT clock, turn_id, category AS label
  FROM (
    SELECT clock, turn_id, start_ms, reply_ms, answered, ts_ms, category
    FROM (SELECT clock, turn_id, customer_key, start_ms, reply_ms, answered FROM {{ ref('int_service_turns') }}) turns
    INNER JOIN (SELECT customer_key, ts_ms, category FROM {{ ref('int_keyword_matches') }}) matches USING (customer_key)
  ) turn_matches
  WHERE ts_ms >= start_ms AND (answered = 0 OR ts_ms <= reply_ms)
  UNION ALL
  SELECT DISTINCT clock, turn_id, concat('tag:', tag) AS label
  FROM (SELECT clock, turn_id, customer_key FROM {{ ref('int_service_turns') }}) turns
  INNER JOIN (
    SELECT DISTINCT customer_key, tag
    FROM (
      SELECT phone, {{ explode('tags') }} AS tag
      FROM (SELECT {{ explode('phones') }} AS phone, tags FROM {{ ref('stg_customers') }}) record_phones
    ) phone_tags
    INNER JOIN (SELECT phone, customer_key FROM {{ ref('stg_identity') }}) identity USING (phone)
  ) customer_tags USING (customer_key)
) labels USING (clock, turn_id)
