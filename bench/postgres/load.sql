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
ANALYZE;
