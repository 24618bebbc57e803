-- Landing files in, then one row per message (its last delivery) and per order (its latest version).
SET search_path TO scrm_bench;
COPY message_deliveries FROM {messages_file} (FORMAT csv);
COPY order_versions FROM {orders_file} (FORMAT csv);
COPY contacts FROM {contacts_file} (FORMAT csv);
COPY keywords FROM {keywords_file} (FORMAT csv);
CREATE TABLE messages AS
SELECT DISTINCT ON (message_id) message_id, customer_phone, direction, sender_kind, agent_id, type, tokens, ts_ms
FROM message_deliveries
ORDER BY message_id, ingested_at_ms DESC, source_file DESC, source_line DESC;
ALTER TABLE messages ADD PRIMARY KEY (message_id);
CREATE INDEX messages_customer_time ON messages (customer_phone, ts_ms);
CREATE INDEX messages_time ON messages (ts_ms);
CREATE TABLE orders AS
SELECT DISTINCT ON (order_id) order_id, customer_phone, status, created_at_ms, updated_at_ms, paid_at_ms
FROM order_versions
ORDER BY order_id, updated_at_ms DESC, row_hash DESC, ingested_at_ms DESC, source_file DESC, source_line DESC;
ALTER TABLE orders ADD PRIMARY KEY (order_id);
CREATE INDEX orders_customer_created ON orders (customer_phone, created_at_ms);
CREATE INDEX keywords_first_token ON keywords (first_token);
-- Inbound content messages with their customer and local date: what every report starts from.
CREATE VIEW inbound_messages AS
SELECT m.message_id, c.customer_key, m.tokens, m.ts_ms, (to_timestamp(m.ts_ms / 1000.0) AT TIME ZONE {timezone})::date AS local_date
FROM messages m
LEFT JOIN contacts c ON c.phone = m.customer_phone
WHERE m.direction = 'inbound' AND m.type IN ({content_types});
-- A message matches a phrase when the phrase's tokens appear consecutively in its tokens (once per message).
CREATE VIEW keyword_matches AS
SELECT DISTINCT i.message_id, i.customer_key, i.ts_ms, i.local_date, k.keyword, k.category
FROM inbound_messages i
CROSS JOIN LATERAL unnest(i.tokens) WITH ORDINALITY AS t(token, pos)
JOIN keywords k ON k.first_token = t.token
WHERE i.tokens[t.pos:t.pos + k.n_tokens - 1] = k.tokens;
ANALYZE;
