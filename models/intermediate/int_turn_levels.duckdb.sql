{#
  int_turn_levels on DuckDB (the definition is in int_turn_levels.base.njk). Keyword labels join
  each turn to the matches of its customer and keep the matches within the turn; deduplicating
  those pairs on the narrow key is several times cheaper than on all the turn columns. Turns
  answered on the UTC day they started (most of them) are joined on (customer, day) rather than on
  the customer alone: at 10 M messages the join on the customer made 92 M pairs to keep 10 M, and
  the labels cost a quarter less CPU this way (23 -> 17 s).
#}
{% extends "intermediate/int_turn_levels.base.njk" %}
{% block labels %}
SELECT {{ turn_columns }}, 'label' AS level, label AS level_value
FROM {{ ref('int_service_turns') }}
INNER JOIN (
  SELECT DISTINCT clock, turn_id, category AS label
  FROM (
    SELECT clock, turn_id, ts_ms, category
    FROM (
      SELECT clock, turn_id, customer_key, start_ms, reply_ms, start_ms // 86400000 AS utc_day
      FROM {{ ref('int_service_turns') }}
      WHERE answered = 1 AND start_ms // 86400000 = reply_ms // 86400000
    ) turns
    INNER JOIN (SELECT customer_key, ts_ms // 86400000 AS utc_day, ts_ms, category FROM {{ ref('int_keyword_matches') }}) matches USING (customer_key, utc_day)
    WHERE ts_ms BETWEEN start_ms AND reply_ms
    UNION ALL
    SELECT clock, turn_id, ts_ms, category
    FROM (
      SELECT clock, turn_id, customer_key, start_ms, reply_ms, answered
      FROM {{ ref('int_service_turns') }}
      WHERE answered = 0 OR start_ms // 86400000 <> reply_ms // 86400000
    ) turns
    INNER JOIN (SELECT customer_key, ts_ms, category FROM {{ ref('int_keyword_matches') }}) matches USING (customer_key)
    WHERE ts_ms >= start_ms AND (answered = 0 OR ts_ms <= reply_ms)
  ) turn_matches
) labels USING (clock, turn_id)
UNION ALL
{{ tag_labels }}
{% endblock %}
