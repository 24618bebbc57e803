{#
  One row per (message id, status): a status delivered again keeps its last delivery. Statuses
  carry the recipient's customer_key and the phone's country (for conversation pricing), and the
  conversation's pricing category (its origin type when the status has no pricing).
#}
SELECT
  message_id,
  status,
  customer_key,
  country,
  ts_ms,
  conversation_id,
  {{ to_int('pricing_billable') }} AS pricing_billable,
  coalesce(pricing_category, conversation_category) AS pricing_category,
  error_code,
  error_title
FROM (
  {{ deduplicated(source('raw_statuses'), 'message_id, status',
     'message_id, status, recipient_phone, ts_ms, conversation_id, conversation_category, pricing_billable, pricing_category, error_code, error_title, ingested_at_ms, source_file, source_line', ref('stg_duplicate_statuses')) }}
) statuses
LEFT JOIN (SELECT phone AS recipient_phone, customer_key, country FROM {{ ref('stg_identity') }}) identity USING (recipient_phone)
