-- Landing tables: raw events as they arrived, one row per source record.
-- The table and column names are a contract (analysts and tooling rely on them).
-- Times: *_ms is UTC epoch milliseconds; every event time has a paired timestamp column (the same
-- instant in UTC). Load bookkeeping (ingested_at_ms of the raw tables, ingest_state.updated_at_ms)
-- is ms only; a reject's ingested_at is the reject's own time, so it has both.
-- Idempotency keys (enforced by the ingest stage, which only appends rows whose key is new):
--   raw_messages (message_id), raw_statuses (message_id, status), raw_clicks (click_id),
--   raw_orders (order_id, updated_at_ms, row_hash), raw_order_items (order_id, row_hash, line_no),
--   raw_customers (crm_id, updated_at_ms, row_hash), ingest_rejects (source_file, line, reason).
-- No PRIMARY KEY constraints: DuckDB's ART indexes cost memory per row at tens of millions of rows.

CREATE TABLE IF NOT EXISTS raw_messages (
  message_id          VARCHAR NOT NULL,
  source              VARCHAR NOT NULL,   -- whatsapp | send_log | chat_export
  phone_number_id     VARCHAR,            -- the business number (inbox) the message went through
  customer_phone      VARCHAR NOT NULL,   -- E.164; never exposed in marts
  customer_name       VARCHAR,            -- WhatsApp profile name or export sender name
  direction           VARCHAR NOT NULL,   -- inbound | outbound
  sender_kind         VARCHAR NOT NULL,   -- customer | agent | bot | campaign
  agent_id            VARCHAR,
  type                VARCHAR NOT NULL,   -- text, image, …, reaction, system, unsupported, or an unknown type as sent
  text                VARCHAR,            -- body, caption, button or list reply title
  text_norm           VARCHAR NOT NULL,
  tokens              VARCHAR[] NOT NULL,
  emojis              VARCHAR[] NOT NULL,
  sentiment           DOUBLE,
  interactive_id      VARCHAR,            -- id of a button or list reply (e.g. csat_5)
  template_name       VARCHAR,
  template_category   VARCHAR,
  template_language   VARCHAR,
  context_message_id  VARCHAR,            -- the message this one replies to
  referral_source_id  VARCHAR,            -- click-to-WhatsApp ad id
  referral_source_url VARCHAR,
  ts_ms               BIGINT NOT NULL,
  ts                  TIMESTAMP NOT NULL,
  raw_json            VARCHAR NOT NULL,
  source_file         VARCHAR NOT NULL,
  source_line         BIGINT NOT NULL,
  ingested_at_ms      BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_statuses (
  message_id           VARCHAR NOT NULL,
  status               VARCHAR NOT NULL,  -- sent | delivered | read | failed | (other values kept as sent)
  recipient_phone      VARCHAR NOT NULL,  -- E.164
  phone_number_id      VARCHAR,
  ts_ms                BIGINT NOT NULL,
  ts                   TIMESTAMP NOT NULL,
  conversation_id      VARCHAR,
  conversation_category VARCHAR,          -- conversation.origin.type
  conversation_expires_ms BIGINT,
  conversation_expires TIMESTAMP,
  pricing_billable     BOOLEAN,
  pricing_model        VARCHAR,
  pricing_category     VARCHAR,
  error_code           INTEGER,
  error_title          VARCHAR,
  error_details        VARCHAR,
  raw_json             VARCHAR NOT NULL,
  source_file          VARCHAR NOT NULL,
  source_line          BIGINT NOT NULL,
  ingested_at_ms       BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_clicks (
  click_id        VARCHAR NOT NULL,
  token           VARCHAR NOT NULL,
  message_id      VARCHAR,
  url             VARCHAR NOT NULL,
  ts_ms           BIGINT NOT NULL,
  ts              TIMESTAMP NOT NULL,
  user_agent      VARCHAR,
  raw_json        VARCHAR NOT NULL,
  source_file     VARCHAR NOT NULL,
  source_line     BIGINT NOT NULL,
  ingested_at_ms  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_orders (
  order_id        VARCHAR NOT NULL,
  source          VARCHAR NOT NULL,       -- csv | ndjson | shopify
  customer_phone  VARCHAR NOT NULL,       -- E.164
  customer_name   VARCHAR,
  email           VARCHAR,
  status          VARCHAR NOT NULL,       -- placed | paid | fulfilled | cancelled | refunded | …
  payment_method  VARCHAR,                -- cod | card | transfer | … as given
  currency        VARCHAR,
  total           DOUBLE NOT NULL,
  created_at_ms   BIGINT NOT NULL,
  created_at      TIMESTAMP NOT NULL,
  updated_at_ms   BIGINT NOT NULL,
  updated_at      TIMESTAMP NOT NULL,
  paid_at_ms      BIGINT,                 -- when the source says when it was paid
  paid_at         TIMESTAMP,
  row_hash        VARCHAR NOT NULL,       -- hash of the normalized row: tells equal versions from conflicting ones
  raw_json        VARCHAR NOT NULL,
  source_file     VARCHAR NOT NULL,
  source_line     BIGINT NOT NULL,
  ingested_at_ms  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_order_items (
  order_id        VARCHAR NOT NULL,
  row_hash        VARCHAR NOT NULL,       -- raw_orders.row_hash of the order version these items belong to
  updated_at_ms   BIGINT NOT NULL,
  updated_at      TIMESTAMP NOT NULL,
  line_no         INTEGER NOT NULL,
  sku             VARCHAR NOT NULL,
  name            VARCHAR,
  quantity        DOUBLE NOT NULL,
  unit_price      DOUBLE NOT NULL,
  currency        VARCHAR,
  ingested_at_ms  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_customers (
  crm_id          VARCHAR NOT NULL,
  source          VARCHAR NOT NULL,       -- csv | hubspot | postgres | mysql
  first_name      VARCHAR,
  last_name       VARCHAR,
  full_name       VARCHAR,
  phones          VARCHAR[] NOT NULL,     -- E.164, every phone the record lists
  email           VARCHAR,
  tier            VARCHAR,
  address         VARCHAR,
  postal_code     VARCHAR,
  country         VARCHAR,
  tags            VARCHAR[] NOT NULL,
  updated_at_ms   BIGINT NOT NULL,
  updated_at      TIMESTAMP NOT NULL,
  row_hash        VARCHAR NOT NULL,
  raw_json        VARCHAR NOT NULL,
  source_file     VARCHAR NOT NULL,
  source_line     BIGINT NOT NULL,
  ingested_at_ms  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_rejects (
  source          VARCHAR NOT NULL,       -- whatsapp | send_log | clicks | orders | crm | chat_export
  source_file     VARCHAR NOT NULL,
  line            BIGINT NOT NULL,        -- 1-based line (or record) number in the file; 0 when not line-based
  field           VARCHAR,                -- the offending field, when one is to blame
  reason          VARCHAR NOT NULL,
  raw             VARCHAR NOT NULL,       -- the rejected text, cut at 64 KiB
  ingested_at_ms  BIGINT NOT NULL,
  ingested_at     TIMESTAMP NOT NULL
);

-- Small key/value state for resumable ingest: CRM watermarks, landing-log offsets.
CREATE TABLE IF NOT EXISTS ingest_state (
  key             VARCHAR NOT NULL,
  value           VARCHAR NOT NULL,
  updated_at_ms   BIGINT NOT NULL
);

-- The run log, append-only so that it works alike on both engines: a row when a stage starts
-- (status running) and another when it ends (succeeded | failed | abandoned), or one row for a stage
-- skipped by --resume (skipped). Stage '*' is the run as a whole; its row counts stay 0 (the stage
-- rows carry them). The latest state of a run or stage is its row with the latest ended_at_ms.
CREATE TABLE IF NOT EXISTS pipeline_runs (
  run_id          VARCHAR NOT NULL,
  pipeline        VARCHAR NOT NULL,
  stage           VARCHAR NOT NULL,
  status          VARCHAR NOT NULL,       -- running | succeeded | failed | abandoned | skipped
  started_at_ms   BIGINT NOT NULL,
  started_at      TIMESTAMP NOT NULL,
  ended_at_ms     BIGINT,
  ended_at        TIMESTAMP,
  rows_in         BIGINT NOT NULL,
  rows_out        BIGINT NOT NULL,
  rows_rejected   BIGINT NOT NULL,
  error           VARCHAR,
  host            VARCHAR NOT NULL,
  pid             INTEGER NOT NULL,
  stage_index     INTEGER NOT NULL,       -- 0 for the run row, then 1, 2, … in pipeline order
  triggered_by    VARCHAR NOT NULL,       -- manual | schedule
  resumed_from    VARCHAR,                -- the unfinished run whose succeeded stages this run skipped (--resume)
  detail          VARCHAR                 -- the stage's summary detail, JSON
);
