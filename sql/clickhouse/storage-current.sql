-- Storage tuning for ClickHouse releases that have it (LowCardinality and column codecs are
-- production features from 19.x/20.x; 18.16 has neither, so landing.sql creates plain columns and
-- `scrm init` applies this file only on current releases):
--   * LowCardinality(String) for enumerations with a handful of values (source, direction, kind,
--     type, status, categories): dictionary-encoded, several times smaller and faster to group by;
--   * Delta + ZSTD on the millisecond clocks, which grow nearly monotonically within a part;
--   * ZSTD(3) on the raw JSON payloads, the bulk of the bytes, read only for audits.
ALTER TABLE {{ every_shard('raw_messages') }}
  MODIFY COLUMN source LowCardinality(String),
  MODIFY COLUMN direction LowCardinality(String),
  MODIFY COLUMN sender_kind LowCardinality(String),
  MODIFY COLUMN type LowCardinality(String),
  MODIFY COLUMN ts_ms Int64 CODEC(Delta, ZSTD),
  MODIFY COLUMN raw_json String CODEC(ZSTD(3));
ALTER TABLE {{ every_shard('raw_statuses') }}
  MODIFY COLUMN status LowCardinality(String),
  MODIFY COLUMN ts_ms Int64 CODEC(Delta, ZSTD),
  MODIFY COLUMN raw_json String CODEC(ZSTD(3));
ALTER TABLE {{ every_shard('raw_clicks') }}
  MODIFY COLUMN ts_ms Int64 CODEC(Delta, ZSTD),
  MODIFY COLUMN raw_json String CODEC(ZSTD(3));
ALTER TABLE {{ every_shard('raw_orders') }}
  MODIFY COLUMN source LowCardinality(String),
  MODIFY COLUMN status LowCardinality(String),
  MODIFY COLUMN raw_json String CODEC(ZSTD(3));
ALTER TABLE {{ every_shard('raw_customers') }}
  MODIFY COLUMN source LowCardinality(String),
  MODIFY COLUMN raw_json String CODEC(ZSTD(3));
ALTER TABLE {{ every_shard('ingest_rejects') }}
  MODIFY COLUMN source LowCardinality(String),
  MODIFY COLUMN raw String CODEC(ZSTD(3));
