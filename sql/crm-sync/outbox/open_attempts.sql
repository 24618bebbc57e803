-- The attempts of a sink's open deliveries, from which their retry state is read.
SELECT delivery_id, attempt, outcome, next_attempt_at_ms
FROM crm_outbox_attempts
WHERE sink = {sink}
  AND delivery_id NOT IN (
    SELECT delivery_id FROM crm_outbox_attempts WHERE sink = {sink} AND outcome IN ('delivered', 'dead', 'superseded')
  )
