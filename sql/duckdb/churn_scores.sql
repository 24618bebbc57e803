-- Scores of one `scrm churn score` run, written by the scorer before they replace churn_scores.
-- as_of arrives as 'YYYY-MM-DD' text and becomes a DATE in sql/churn_scores.sql.
CREATE OR REPLACE TABLE churn_scores__scored (
  customer_key        VARCHAR NOT NULL,
  as_of               VARCHAR NOT NULL,
  probability         DOUBLE NOT NULL,
  risk_band           VARCHAR NOT NULL,   -- high | medium | low
  reason_1            VARCHAR,
  reason_2            VARCHAR,
  reason_3            VARCHAR,
  recovery_candidate  INTEGER NOT NULL,   -- 1 when the playbook rule flags the customer
  suggested_action    VARCHAR,
  model_version       VARCHAR NOT NULL
);
