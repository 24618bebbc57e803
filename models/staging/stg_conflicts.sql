{#
  The review list: orders and CRM records with two or more different versions (row_hash) at
  their greatest updated_at_ms. kept_row_hash is the version the staging tables use meanwhile.
#}
SELECT
  entity,
  entity_id,
  updated_at_ms,
  versions,
  row_hashes,
  kept_row_hash
FROM (
  SELECT
    'order' AS entity,
    order_id AS entity_id,
    updated_at_ms,
    count(DISTINCT row_hash) AS versions,
    {{ sorted_distinct('row_hash') }} AS row_hashes,
    max(row_hash) AS kept_row_hash
  FROM {{ source('raw_orders') }}
  WHERE (order_id, updated_at_ms) IN (SELECT order_id, max(updated_at_ms) FROM {{ source('raw_orders') }} GROUP BY order_id)
  GROUP BY order_id, updated_at_ms
  HAVING count(DISTINCT row_hash) > 1
  UNION ALL
  SELECT
    'customer' AS entity,
    crm_id AS entity_id,
    updated_at_ms,
    count(DISTINCT row_hash) AS versions,
    {{ sorted_distinct('row_hash') }} AS row_hashes,
    max(row_hash) AS kept_row_hash
  FROM {{ source('raw_customers') }}
  WHERE (crm_id, updated_at_ms) IN (SELECT crm_id, max(updated_at_ms) FROM {{ source('raw_customers') }} GROUP BY crm_id)
  GROUP BY crm_id, updated_at_ms
  HAVING count(DISTINCT row_hash) > 1
) conflicts
