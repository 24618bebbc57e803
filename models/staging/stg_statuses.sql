{#
  One row per (message id, status): a status delivered again keeps its last delivery. Statuses
  carry the recipient's customer_key and the phone's country (for conversation pricing).
#}
SELECT
  message_id,
  status,
  customer_key,
  country,
  phone_number_id,
  ts_ms,
  conversation_id,
  conversation_category,
  {{ to_int('pricing_billable') }} AS pricing_billable,
  pricing_category,
  error_code,
  error_title,
  error_details
FROM (
  {{ deduplicated(source('raw_statuses'), 'message_id, status',
     'message_id, status, recipient_phone, phone_number_id, ts_ms, conversation_id, conversation_category, pricing_billable, pricing_category, error_code, error_title, error_details, ingested_at_ms, source_file, source_line') }}
) statuses
LEFT JOIN (SELECT phone AS recipient_phone, customer_key, country FROM {{ ref('stg_identity') }}) identity USING (recipient_phone)
