{#
  int_turn_levels on DuckDB (the definition is in int_turn_levels.base.njk). Keyword labels join
  each turn to every match of its customer and keep the matches within the turn; deduplicating
  those pairs on the narrow key is several times cheaper than on all the turn columns.
#}
{% extends "intermediate/int_turn_levels.base.njk" %}
{% block labels %}
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
) labels USING (clock, turn_id)
UNION ALL
{{ tag_labels }}
{% endblock %}
