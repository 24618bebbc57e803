-- A Postgres-backed helpdesk's tables over the same landing data: deliveries land as they come
-- (COPY), the message and order tables keep one row per id, with the indexes its reports use.
DROP SCHEMA IF EXISTS scrm_bench CASCADE;
CREATE SCHEMA scrm_bench;
SET search_path TO scrm_bench;
CREATE UNLOGGED TABLE message_deliveries (
  message_id text NOT NULL, customer_phone text, direction text, sender_kind text, agent_id text, type text,
  tokens text[], ts_ms bigint NOT NULL, ingested_at_ms bigint, source_file text, source_line bigint
);
CREATE UNLOGGED TABLE order_versions (
  order_id text NOT NULL, customer_phone text, status text, created_at_ms bigint, updated_at_ms bigint, paid_at_ms bigint,
  row_hash text, ingested_at_ms bigint, source_file text, source_line bigint
);
CREATE TABLE contacts (phone text PRIMARY KEY, customer_key text NOT NULL);
CREATE TABLE keywords (keyword text PRIMARY KEY, category text NOT NULL, tokens text[] NOT NULL, n_tokens int NOT NULL, first_token text NOT NULL);
