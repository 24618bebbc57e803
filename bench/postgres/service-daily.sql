-- Daily median response time: turns over each customer's inbound content and responder messages
-- (METRICS.md order), a turn starting at an inbound message after a responder message or none,
-- answered by its first responder message; exact median by local date of the turn start.
SET search_path TO scrm_bench;
WITH sequence AS (
  SELECT c.customer_key, m.message_id, m.ts_ms,
         CASE WHEN m.direction <> 'inbound' THEN 1 ELSE 0 END AS direction_order,
         m.direction <> 'inbound' AS is_responder
  FROM messages m
  LEFT JOIN contacts c ON c.phone = m.customer_phone
  WHERE m.type IN ({content_types})
    AND (m.direction = 'inbound' OR (m.direction = 'outbound' AND m.sender_kind IN ('agent', 'bot')))
), flagged AS (
  SELECT *, CASE WHEN NOT is_responder AND coalesce(lag(is_responder) OVER ordered, true) THEN 1 ELSE 0 END AS is_start
  FROM sequence
  WINDOW ordered AS (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id)
), numbered AS (
  SELECT *, sum(is_start) OVER (PARTITION BY customer_key ORDER BY ts_ms, direction_order, message_id ROWS UNBOUNDED PRECEDING) AS turn_no
  FROM flagged
), turns AS (
  SELECT min(ts_ms) AS start_ms, min(ts_ms) FILTER (WHERE is_responder) AS reply_ms
  FROM numbered
  WHERE turn_no > 0
  GROUP BY customer_key, turn_no
)
SELECT (to_timestamp(start_ms / 1000.0) AT TIME ZONE {timezone})::date::text AS local_date,
       count(*) AS turns,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ((reply_ms - start_ms) / 1000.0)::float8) AS median_response_s
FROM turns
GROUP BY 1
ORDER BY 1;
