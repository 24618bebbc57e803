{# Who bought which SKU when (orders not cancelled): the evidence for name-based identity links. #}
SELECT DISTINCT sku, phone, created_at_ms
FROM {{ ref('stg_order_items') }}
INNER JOIN (
  SELECT order_id, customer_phone AS phone, created_at_ms FROM {{ ref('stg_orders') }} WHERE status <> 'cancelled'
) orders USING (order_id)
