-- The CRM delivery outbox (`scrm sync-crm`). Append-only, so the same design runs on ClickHouse:
-- an item's state is read from its attempts, never updated in place.
-- crm_outbox: one row per item to deliver to one sink, written before any delivery. delivery_id is
-- the idempotency key sent with the item: a hash of sink, kind, key, content hash and the delivery
-- it follows, fixed at enqueue time together with the payload, so every retry sends the same bytes.
CREATE TABLE IF NOT EXISTS crm_outbox (
  delivery_id           VARCHAR PRIMARY KEY,
  sink                  VARCHAR NOT NULL,
  kind                  VARCHAR NOT NULL,   -- churn_flag | segment_tag | price_tag | alert
  item_key              VARCHAR NOT NULL,   -- customer_key, or alert_id
  previous_delivery_id  VARCHAR,            -- the last delivery enqueued before for the same sink, kind and key
  content_hash          VARCHAR NOT NULL,   -- SHA-256 of the canonical payload
  payload               VARCHAR NOT NULL,   -- canonical JSON
  enqueued_at_ms        BIGINT NOT NULL,
  enqueued_at           TIMESTAMP NOT NULL,
  run_id                VARCHAR NOT NULL
);

-- Every attempt, as two rows: 'sending' before the request, then its outcome with the error
-- code: delivered, retry, dead, or deferred (held back unsent after a 429; not a failure). A
-- 'sending' row left without an outcome was cut short by a crash and gets an 'interrupted' row on
-- the next run. 'superseded' closes an item a newer one replaced before it went out.
CREATE TABLE IF NOT EXISTS crm_outbox_attempts (
  delivery_id           VARCHAR NOT NULL,
  sink                  VARCHAR NOT NULL,
  attempt               INTEGER NOT NULL,
  outcome               VARCHAR NOT NULL,   -- sending | delivered | retry | deferred | dead | interrupted | superseded
  error_code            VARCHAR,            -- http_500, http_429, timeout, ECONNREFUSED, pg_40P01, …
  error                 VARCHAR,
  next_attempt_at_ms    BIGINT,             -- for retry: not before this time
  attempted_at_ms       BIGINT NOT NULL,
  attempted_at          TIMESTAMP NOT NULL,
  duration_ms           BIGINT,
  run_id                VARCHAR NOT NULL
);
