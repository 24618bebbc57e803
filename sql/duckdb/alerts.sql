-- Alerts raised by `scrm alert`. alert_id is a hash of rule id, period start and dimension: the
-- same alert is never stored twice (the key is checked before insert and enforced here).
CREATE TABLE IF NOT EXISTS alerts (
  alert_id        VARCHAR PRIMARY KEY,
  rule_id         VARCHAR NOT NULL,
  kind            VARCHAR NOT NULL,   -- threshold | change | outlier | quota
  severity        VARCHAR NOT NULL,   -- info | warning | critical
  source          VARCHAR NOT NULL,   -- the series the rule read
  metric          VARCHAR NOT NULL,
  grain           VARCHAR NOT NULL,   -- day | week | month
  dimension       VARCHAR NOT NULL,   -- '' when the series has none
  dimension_kind  VARCHAR NOT NULL,   -- what the dimension is: agent, customer, …
  period_start    DATE NOT NULL,
  period_end      DATE NOT NULL,
  value           DOUBLE NOT NULL,
  expected        DOUBLE NOT NULL,    -- threshold, baseline, median or limit
  evidence        VARCHAR NOT NULL,   -- JSON: the values that triggered it
  message         VARCHAR NOT NULL,
  raised_at_ms    BIGINT NOT NULL,
  raised_at       TIMESTAMP NOT NULL
);
