{#
  The review list: orders and CRM records with two or more different versions (row_hash) at
  their greatest updated_at_ms. kept_row_hash is the version the staging tables use meanwhile.
#}
SELECT 'order' AS entity, entity_id, updated_at_ms, versions, row_hashes, kept_row_hash
FROM ({{ tied_versions(source('raw_orders'), 'order_id') }}) orders
UNION ALL
SELECT 'customer' AS entity, entity_id, updated_at_ms, versions, row_hashes, kept_row_hash
FROM ({{ tied_versions(source('raw_customers'), 'crm_id') }}) customers
