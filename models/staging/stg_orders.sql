{#
  The latest version of each order: the greatest updated_at_ms wins. Two different versions with
  the same greatest updated_at_ms are a conflict (listed in stg_conflicts); the version with the
  greater row_hash is kept meanwhile, so the order still counts and the choice is deterministic.
#}
SELECT
  order_id,
  source,
  customer_phone,
  customer_name,
  status,
  payment_method,
  currency,
  total,
  created_at_ms,
  updated_at_ms,
  paid_at_ms,
  row_hash
FROM {{ source('raw_orders') }}
{{ first_by('order_id', 'updated_at_ms DESC, row_hash DESC, ingested_at_ms DESC, source_file DESC, source_line DESC') }}
