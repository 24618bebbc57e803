{#
  The review list: orders and CRM records with two or more different versions (row_hash) at
  their greatest updated_at_ms. kept_row_hash is the version the staging tables use meanwhile.
#}
{# The tied versions of each entity whose greatest updated_at_ms holds more than one row_hash. #}
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
SELECT
  entity,
  entity_id,
  updated_at_ms,
  versions,
  row_hashes,
  kept_row_hash
FROM (
  {{ tied_versions('order', source('raw_orders'), 'order_id') }}
  UNION ALL
  {{ tied_versions('customer', source('raw_customers'), 'crm_id') }}
) conflicts
