-- Landing tables for ClickHouse: same names and columns as sql/duckdb/landing.sql.
-- Must run on ClickHouse 18.16 and current releases, hence:
--   * ReplacingMergeTree ordered by the idempotency key: a row delivered twice collapses at merge time,
--     and the ingest stage also skips keys already present so counts are exact straight away;
--   * monthly partitions on the event time, so retention drops whole partitions;
--   * no LowCardinality (experimental in 18.16) and no DateTime64 (added in 20.1): timestamps are
--     DateTime('UTC') at second precision beside the exact *_ms column;
--   * no Nullable column in a sorting key (18.16 refuses it);
--   * no per-column CODEC (added in 19.x): compression is the server's default (LZ4).
-- This file is a template (nunjucks). On a single server `create_table('x')` is
-- `CREATE TABLE IF NOT EXISTS x` and `distributed(…)` is empty. In cluster mode (config
-- clickhouse.cluster) each table is created as `x_local` on every shard (ON CLUSTER) and `x` becomes a
-- Distributed table over them, sharded by the hash of the customer's phone, so that one customer's
-- messages, statuses and orders live on one shard. Clicks carry no phone and order items no customer:
-- they are sharded by their own id and joined after staging gathers them.

{{ create_table('raw_messages') }} (
  message_id          String,
  source              String,
  phone_number_id     Nullable(String),
  customer_phone      String,
  customer_name       Nullable(String),
  direction           String,
  sender_kind         String,
  agent_id            Nullable(String),
  type                String,
  text                Nullable(String),
  text_norm           String,
  tokens              Array(String),
  emojis              Array(String),
  sentiment           Nullable(Float64),
  interactive_id      Nullable(String),
  template_name       Nullable(String),
  template_category   Nullable(String),
  template_language   Nullable(String),
  context_message_id  Nullable(String),
  referral_source_id  Nullable(String),
  referral_source_url Nullable(String),
  ts_ms               Int64,
  ts                  DateTime('UTC'),
  raw_json            String,
  source_file         String,
  source_line         Int64,
  ingested_at_ms      Int64
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (customer_phone, message_id);
{{ distributed('raw_messages', 'cityHash64(customer_phone)') }}

{{ create_table('raw_statuses') }} (
  message_id           String,
  status               String,
  recipient_phone      String,
  phone_number_id      Nullable(String),
  ts_ms                Int64,
  ts                   DateTime('UTC'),
  conversation_id      Nullable(String),
  conversation_category Nullable(String),
  conversation_expires_ms Nullable(Int64),
  conversation_expires Nullable(DateTime('UTC')),
  pricing_billable     Nullable(UInt8),
  pricing_model        Nullable(String),
  pricing_category     Nullable(String),
  error_code           Nullable(Int32),
  error_title          Nullable(String),
  error_details        Nullable(String),
  raw_json             String,
  source_file          String,
  source_line          Int64,
  ingested_at_ms       Int64
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (recipient_phone, message_id, status);
{{ distributed('raw_statuses', 'cityHash64(recipient_phone)') }}

{{ create_table('raw_clicks') }} (
  click_id        String,
  token           String,
  message_id      Nullable(String),
  url             String,
  ts_ms           Int64,
  ts              DateTime('UTC'),
  user_agent      Nullable(String),
  raw_json        String,
  source_file     String,
  source_line     Int64,
  ingested_at_ms  Int64
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY click_id;
{{ distributed('raw_clicks', 'cityHash64(click_id)') }}

{{ create_table('raw_orders') }} (
  order_id        String,
  source          String,
  customer_phone  String,
  customer_name   Nullable(String),
  email           Nullable(String),
  status          String,
  payment_method  Nullable(String),
  currency        Nullable(String),
  total           Float64,
  created_at_ms   Int64,
  created_at      DateTime('UTC'),
  updated_at_ms   Int64,
  updated_at      DateTime('UTC'),
  paid_at_ms      Nullable(Int64),
  paid_at         Nullable(DateTime('UTC')),
  row_hash        String,
  raw_json        String,
  source_file     String,
  source_line     Int64,
  ingested_at_ms  Int64
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(created_at)
ORDER BY (customer_phone, order_id, updated_at_ms, row_hash);
{{ distributed('raw_orders', 'cityHash64(customer_phone)') }}

{{ create_table('raw_order_items') }} (
  order_id        String,
  row_hash        String,
  updated_at_ms   Int64,
  updated_at      DateTime('UTC'),
  line_no         Int32,
  sku             String,
  name            Nullable(String),
  quantity        Float64,
  unit_price      Float64,
  currency        Nullable(String),
  ingested_at_ms  Int64
) ENGINE = ReplacingMergeTree()
ORDER BY (order_id, row_hash, line_no);
{{ distributed('raw_order_items', 'cityHash64(order_id)') }}

{{ create_table('raw_customers') }} (
  crm_id          String,
  source          String,
  first_name      Nullable(String),
  last_name       Nullable(String),
  full_name       Nullable(String),
  phones          Array(String),
  email           Nullable(String),
  tier            Nullable(String),
  address         Nullable(String),
  postal_code     Nullable(String),
  country         Nullable(String),
  tags            Array(String),
  updated_at_ms   Int64,
  updated_at      DateTime('UTC'),
  row_hash        String,
  raw_json        String,
  source_file     String,
  source_line     Int64,
  ingested_at_ms  Int64
) ENGINE = ReplacingMergeTree()
ORDER BY (crm_id, updated_at_ms, row_hash);
{{ distributed('raw_customers', 'cityHash64(crm_id)') }}

{{ create_table('ingest_rejects') }} (
  source          String,
  source_file     String,
  line            Int64,
  field           Nullable(String),
  reason          String,
  raw             String,
  ingested_at_ms  Int64,
  ingested_at     DateTime('UTC')
) ENGINE = ReplacingMergeTree()
ORDER BY (source_file, line, reason);
{{ distributed('ingest_rejects', 'cityHash64(source_file)') }}

{{ create_table('ingest_state') }} (
  key             String,
  value           String,
  updated_at_ms   Int64
) ENGINE = MergeTree()
ORDER BY (key, updated_at_ms);
{{ distributed('ingest_state', 'cityHash64(key)') }}

-- The run log: see sql/duckdb/landing.sql for how its append-only rows are read.
{{ create_table('pipeline_runs') }} (
  run_id          String,
  pipeline        String,
  stage           String,
  status          String,
  started_at_ms   Int64,
  started_at      DateTime('UTC'),
  ended_at_ms     Nullable(Int64),
  ended_at        Nullable(DateTime('UTC')),
  rows_in         Int64,
  rows_out        Int64,
  rows_rejected   Int64,
  error           Nullable(String),
  host            String,
  pid             Int32,
  stage_index     Int32,
  triggered_by    String,
  resumed_from    Nullable(String),
  detail          Nullable(String)
) ENGINE = MergeTree()
ORDER BY (pipeline, started_at_ms, run_id, stage);
{{ distributed('pipeline_runs', 'cityHash64(run_id)') }}
