{#
  Every phone number seen anywhere (messages, statuses, orders, CRM records), when it was first
  seen, and the name identity resolution compares: the latest CRM record's name listing the
  phone, else the latest order's customer name, else the latest WhatsApp profile / export name.
#}
SELECT
  phone,
  min(seen_ms) AS first_seen_ms,
  argMin(name, name_rank) AS name
FROM (
  {# Deduplicated like stg_messages / stg_statuses, so a redelivered row counts exactly once on every engine. #}
  SELECT customer_phone AS phone, min(ts_ms) AS seen_ms, argMax(nullif(customer_name, ''), (ts_ms, message_id)) AS name, 3 AS name_rank
  FROM ({{ deduplicated(source('raw_messages'), 'message_id', 'message_id, customer_phone, customer_name, ts_ms, ingested_at_ms, source_file, source_line') }}) messages
  GROUP BY customer_phone
  UNION ALL
  SELECT recipient_phone AS phone, min(ts_ms) AS seen_ms, {{ null_of('string') }} AS name, 4 AS name_rank
  FROM ({{ deduplicated(source('raw_statuses'), 'message_id, status', 'message_id, status, recipient_phone, ts_ms, ingested_at_ms, source_file, source_line') }}) statuses
  GROUP BY recipient_phone
  UNION ALL
  SELECT customer_phone AS phone, min(created_at_ms) AS seen_ms, argMax(nullif(customer_name, ''), (updated_at_ms, order_id)) AS name, 2 AS name_rank
  FROM {{ ref('stg_orders') }}
  GROUP BY customer_phone
  UNION ALL
  SELECT phone, min(updated_at_ms) AS seen_ms, argMax(full_name, (updated_at_ms, crm_id)) AS name, 1 AS name_rank
  FROM (SELECT {{ explode('phones') }} AS phone, updated_at_ms, crm_id, full_name FROM {{ ref('stg_customers') }}) crm_phones
  GROUP BY phone
) sightings
GROUP BY phone
