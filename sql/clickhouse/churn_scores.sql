-- Scores of one `scrm churn score` run, written by the scorer before they replace churn_scores.
-- as_of arrives as 'YYYY-MM-DD' text and becomes a Date in sql/churn_scores.sql.
DROP TABLE IF EXISTS churn_scores__scored;
CREATE TABLE churn_scores__scored (
  customer_key        String,
  as_of               String,
  probability         Float64,
  risk_band           String,
  reason_1            Nullable(String),
  reason_2            Nullable(String),
  reason_3            Nullable(String),
  recovery_candidate  UInt8,
  suggested_action    Nullable(String),
  model_version       String
) ENGINE = MergeTree ORDER BY customer_key;
