{#
  stg_conflicts on ClickHouse (the definition is in stg_conflicts.base.njk): one grouping per
  entity, its versions as (updated_at_ms, row_hash) pairs filtered to the greatest updated_at_ms.
  Selecting the latest rows with IN and grouping them with distinct counts made a hash set per
  group and cost four times as much at 10 M messages.
#}
{% extends "staging/stg_conflicts.base.njk" %}
{% macro tied_versions(entity, table, key) %}
  SELECT {{ entity | lit }} AS entity, entity_id, latest_ms AS updated_at_ms, length(row_hashes) AS versions, row_hashes, row_hashes[-1] AS kept_row_hash
  FROM (
    SELECT
      {{ key }} AS entity_id,
      max(updated_at_ms) AS latest_ms,
      arraySort(arrayDistinct(arrayMap(v -> v.2, arrayFilter(v -> v.1 = latest_ms, groupArray((updated_at_ms, row_hash)))))) AS row_hashes
    FROM {{ table }}
    GROUP BY {{ key }}
  ) latest
  WHERE length(row_hashes) > 1
{% endmacro %}
{% block tied %}
  {{ tied_versions('order', source('raw_orders'), 'order_id') }}
  UNION ALL
  {{ tied_versions('customer', source('raw_customers'), 'crm_id') }}
{% endblock %}
