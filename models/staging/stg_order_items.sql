{# The lines of each order's kept version (stg_orders), one row per line. #}
SELECT order_id, line_no, sku, name, quantity, unit_price, currency
FROM (
  SELECT order_id, row_hash, line_no, sku, name, quantity, unit_price, currency
  FROM {{ source('raw_order_items') }}
  {{ first_by('order_id, row_hash, line_no', 'ingested_at_ms DESC') }}
) items
INNER JOIN (SELECT order_id, row_hash FROM {{ ref('stg_orders') }}) kept USING (order_id, row_hash)
