{# stg_conflicts on DuckDB (the definition is in stg_conflicts.base.njk). #}
{% extends "staging/stg_conflicts.base.njk" %}
{% macro tied_versions(entity, table, key) %}
  SELECT
    {{ entity | lit }} AS entity,
    {{ key }} AS entity_id,
    updated_at_ms,
    count(DISTINCT row_hash) AS versions,
    {{ sorted_distinct('row_hash') }} AS row_hashes,
    max(row_hash) AS kept_row_hash
  FROM {{ table }}
  WHERE ({{ key }}, updated_at_ms) IN (SELECT {{ key }}, max(updated_at_ms) FROM {{ table }} GROUP BY {{ key }})
  GROUP BY {{ key }}, updated_at_ms
  HAVING count(DISTINCT row_hash) > 1
{% endmacro %}
{% block tied %}
  {{ tied_versions('order', source('raw_orders'), 'order_id') }}
  UNION ALL
  {{ tied_versions('customer', source('raw_customers'), 'crm_id') }}
{% endblock %}
