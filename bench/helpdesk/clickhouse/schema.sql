-- The helpdesk tables of bench/postgres/schema.sql on the ClickHouse 18.16 server. The CSV files
-- land as text (18.16 reads an empty CSV field as an empty string, never NULL, and has no Postgres
-- array literals); load.sql types them. Strings stay non-Nullable, '' for a missing value.
CREATE TABLE message_deliveries (
  message_id String, customer_phone String, direction String, sender_kind String, agent_id String, type String,
  tokens String, ts_ms Int64, ingested_at_ms String, source_file String, source_line String
) ENGINE = Log;
CREATE TABLE order_versions (
  order_id String, customer_phone String, status String, created_at_ms String, updated_at_ms String, paid_at_ms String,
  row_hash String, ingested_at_ms String, source_file String, source_line String
) ENGINE = Log;
CREATE TABLE contacts (phone String, customer_key String) ENGINE = Log;
CREATE TABLE keywords (keyword String, category String, tokens String, n_tokens UInt32, first_token String) ENGINE = Log;
CREATE TABLE messages (
  message_id String, customer_phone String, direction String, sender_kind String, agent_id String, type String,
  tokens Array(String), ts_ms Int64
) ENGINE = MergeTree ORDER BY message_id;
CREATE TABLE orders (
  order_id String, customer_phone String, status String,
  created_at_ms Nullable(Int64), updated_at_ms Nullable(Int64), paid_at_ms Nullable(Int64)
) ENGINE = MergeTree ORDER BY order_id;
CREATE TABLE keyword_phrases (keyword String, category String, tokens Array(String), n_tokens UInt32, first_token String) ENGINE = Memory;
