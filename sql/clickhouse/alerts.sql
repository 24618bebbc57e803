-- Alerts raised by `scrm alert` (see sql/duckdb/alerts.sql). The key is checked before insert;
-- ReplacingMergeTree on alert_id also collapses a copy written by two runs racing each other.
CREATE TABLE IF NOT EXISTS alerts (
  alert_id        String,
  rule_id         String,
  kind            String,
  severity        String,
  source          String,
  metric          String,
  grain           String,
  dimension       String,
  dimension_kind  String,
  period_start    Date,
  period_end      Date,
  value           Float64,
  expected        Float64,
  evidence        String,
  message         String,
  raised_at_ms    Int64,
  raised_at       DateTime('UTC')
) ENGINE = ReplacingMergeTree()
ORDER BY alert_id;
