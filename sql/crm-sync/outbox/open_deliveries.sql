-- A sink's deliveries that are neither delivered, dead nor superseded, oldest first.
SELECT delivery_id, kind, item_key, content_hash, payload, enqueued_at_ms
FROM crm_outbox
WHERE sink = {sink}
  AND delivery_id NOT IN (
    SELECT delivery_id FROM crm_outbox_attempts WHERE sink = {sink} AND outcome IN ('delivered', 'dead', 'superseded')
  )
ORDER BY enqueued_at_ms, delivery_id
