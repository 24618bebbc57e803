-- The CRM delivery outbox (see sql/duckdb/crm_outbox.sql). Append-only: ClickHouse 18.16 has no
-- cheap UPDATE, and an item's state is read from its attempts.
CREATE TABLE IF NOT EXISTS crm_outbox (
  delivery_id           String,
  sink                  String,
  kind                  String,
  item_key              String,
  previous_delivery_id  Nullable(String),
  content_hash          String,
  payload               String,
  enqueued_at_ms        Int64,
  enqueued_at           DateTime('UTC'),
  run_id                String
) ENGINE = ReplacingMergeTree()
ORDER BY (sink, delivery_id);

CREATE TABLE IF NOT EXISTS crm_outbox_attempts (
  delivery_id           String,
  sink                  String,
  attempt               Int32,
  outcome               String,
  error_code            Nullable(String),
  error                 Nullable(String),
  next_attempt_at_ms    Nullable(Int64),
  attempted_at_ms       Int64,
  attempted_at          DateTime('UTC'),
  duration_ms           Nullable(Int64),
  run_id                String
) ENGINE = MergeTree()
ORDER BY (sink, delivery_id, attempt, attempted_at_ms);
