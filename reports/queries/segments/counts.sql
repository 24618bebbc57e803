-- Customers by segment as of the week's last day (mart_segments_weekly). Inner names differ from
-- the outer ones: ClickHouse would read `x AS x` as a cyclic alias.
SELECT
  CASE WHEN n = 0 THEN NULL ELSE n END AS segmented_customers,
  CASE WHEN n = 0 THEN NULL ELSE n_high_intent END AS high_intent,
  CASE WHEN n = 0 THEN NULL ELSE n_lost END AS lost,
  CASE WHEN n = 0 THEN NULL ELSE n_potential END AS potential,
  CASE WHEN n = 0 THEN NULL ELSE n_active END AS active,
  CASE WHEN n = 0 THEN NULL ELSE n_dormant END AS dormant,
  CASE WHEN n = 0 THEN NULL ELSE sensitive END AS price_sensitive
FROM (
  SELECT
    sum(customers) AS n,
    sum(CASE WHEN segment = 'high_intent' THEN customers ELSE 0 END) AS n_high_intent,
    sum(CASE WHEN segment = 'lost' THEN customers ELSE 0 END) AS n_lost,
    sum(CASE WHEN segment = 'potential' THEN customers ELSE 0 END) AS n_potential,
    sum(CASE WHEN segment = 'active' THEN customers ELSE 0 END) AS n_active,
    sum(CASE WHEN segment = 'dormant' THEN customers ELSE 0 END) AS n_dormant,
    sum(price_sensitive_customers) AS sensitive
  FROM mart_segments_weekly
  WHERE week_start = CAST({week_start} AS Date)
) AS segmented
