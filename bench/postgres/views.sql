-- The view every KPI query reads, on Postgres and on DuckDB's copy of the same tables alike.
SET search_path TO scrm_bench;
-- Inbound content messages with their customer and local date: what every report starts from.
CREATE VIEW inbound_messages AS
SELECT m.message_id, c.customer_key, m.tokens, m.ts_ms, (to_timestamp(m.ts_ms / 1000.0) AT TIME ZONE {timezone})::date AS local_date
FROM messages m
LEFT JOIN contacts c ON c.phone = m.customer_phone
WHERE m.direction = 'inbound' AND m.type IN ({content_types});
