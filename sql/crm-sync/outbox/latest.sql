-- The last delivery enqueued for each kind × key of a sink: what the CRM was last told.
SELECT
  kind,
  item_key,
  argMax(delivery_id, enqueued_at_ms)   AS delivery_id,
  argMax(content_hash, enqueued_at_ms)  AS content_hash
FROM crm_outbox
WHERE sink = {sink}
GROUP BY kind, item_key
