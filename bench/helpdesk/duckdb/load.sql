-- The helpdesk tables of bench/postgres/schema.sql and load.sql in DuckDB, read from the same CSV
-- files: the same rows and the same deduplication (latest delivery per message, latest version per
-- order, ties broken as Postgres breaks them: NULLs first when descending). The view of
-- bench/postgres/views.sql and the KPI queries then run unchanged (the keyword matches have their
-- own formulation, keyword-matches.sql). No indexes: DuckDB scans and hash-joins.
CREATE SCHEMA scrm_bench;
SET search_path TO scrm_bench;
-- Quoted empty fields are empty strings and unquoted ones NULL, as Postgres's COPY reads them.
CREATE TABLE message_deliveries AS
SELECT message_id, customer_phone, direction, sender_kind, agent_id, type,
       -- A Postgres array literal of quoted elements ({"a","b\"c"}) back into a list.
       list_transform(regexp_extract_all(tokens, '"((?:[^"\\]|\\.)*)"', 1), t -> regexp_replace(t, '\\(.)', '\1', 'g')) AS tokens,
       ts_ms, ingested_at_ms, source_file, source_line
FROM read_csv({messages_file}, header = false, allow_quoted_nulls = false, columns = {
  'message_id': 'VARCHAR', 'customer_phone': 'VARCHAR', 'direction': 'VARCHAR', 'sender_kind': 'VARCHAR', 'agent_id': 'VARCHAR', 'type': 'VARCHAR',
  'tokens': 'VARCHAR', 'ts_ms': 'BIGINT', 'ingested_at_ms': 'BIGINT', 'source_file': 'VARCHAR', 'source_line': 'BIGINT'
});
CREATE TABLE order_versions AS
SELECT * FROM read_csv({orders_file}, header = false, allow_quoted_nulls = false, columns = {
  'order_id': 'VARCHAR', 'customer_phone': 'VARCHAR', 'status': 'VARCHAR', 'created_at_ms': 'BIGINT', 'updated_at_ms': 'BIGINT', 'paid_at_ms': 'BIGINT',
  'row_hash': 'VARCHAR', 'ingested_at_ms': 'BIGINT', 'source_file': 'VARCHAR', 'source_line': 'BIGINT'
});
CREATE TABLE contacts AS
SELECT * FROM read_csv({contacts_file}, header = false, allow_quoted_nulls = false, columns = {'phone': 'VARCHAR', 'customer_key': 'VARCHAR'});
CREATE TABLE keywords AS
SELECT keyword, category,
       list_transform(regexp_extract_all(tokens, '"((?:[^"\\]|\\.)*)"', 1), t -> regexp_replace(t, '\\(.)', '\1', 'g')) AS tokens,
       n_tokens, first_token
FROM read_csv({keywords_file}, header = false, allow_quoted_nulls = false, columns = {
  'keyword': 'VARCHAR', 'category': 'VARCHAR', 'tokens': 'VARCHAR', 'n_tokens': 'INTEGER', 'first_token': 'VARCHAR'
});
CREATE TABLE messages AS
SELECT DISTINCT ON (message_id) message_id, customer_phone, direction, sender_kind, agent_id, type, tokens, ts_ms
FROM message_deliveries
ORDER BY message_id, ingested_at_ms DESC NULLS FIRST, source_file DESC NULLS FIRST, source_line DESC NULLS FIRST;
CREATE TABLE orders AS
SELECT DISTINCT ON (order_id) order_id, customer_phone, status, created_at_ms, updated_at_ms, paid_at_ms
FROM order_versions
ORDER BY order_id, updated_at_ms DESC NULLS FIRST, row_hash DESC NULLS FIRST, ingested_at_ms DESC NULLS FIRST, source_file DESC NULLS FIRST, source_line DESC NULLS FIRST;
