{#
  Orders with their customer and local calendar. An order is paid when its latest status is one
  of config metrics.paid_statuses; it was paid at paid_at_ms when the source gives it, else at
  the kept version's updated_at_ms (the version that says it is paid).
#}
SELECT
  order_id,
  customer_key,
  status,
  payment_method,
  currency,
  total,
  created_at_ms,
  {{ local_date('created_at_ms') }} AS created_date,
  {{ week_start(local_date('created_at_ms')) }} AS created_week,
  is_paid,
  paid_ms,
  CASE WHEN is_paid = 1 THEN {{ local_date('paid_ms') }} END AS paid_date,
  CASE WHEN is_paid = 1 THEN {{ week_start(local_date('paid_ms')) }} END AS paid_week
FROM (
  SELECT
    order_id, customer_key, status, payment_method, currency, total, created_at_ms,
    {{ flag('status IN (' ~ (vars.paid_statuses | lits) ~ ')') }} AS is_paid,
    CASE WHEN status IN ({{ vars.paid_statuses | lits }}) THEN coalesce(paid_at_ms, updated_at_ms) END AS paid_ms
  FROM {{ ref('stg_orders') }}
  LEFT JOIN (SELECT phone AS customer_phone, customer_key FROM {{ ref('stg_identity') }}) identity USING (customer_phone)
) orders
