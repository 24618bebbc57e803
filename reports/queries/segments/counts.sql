-- Customers by segment as of the segmentation date, when that date falls in the week. Inner
-- names differ from the outer ones: ClickHouse would read `x AS x` as a cyclic alias.
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
    count(*) AS n,
    sum(CASE WHEN segment = 'high_intent' THEN 1 ELSE 0 END) AS n_high_intent,
    sum(CASE WHEN segment = 'lost' THEN 1 ELSE 0 END) AS n_lost,
    sum(CASE WHEN segment = 'potential' THEN 1 ELSE 0 END) AS n_potential,
    sum(CASE WHEN segment = 'active' THEN 1 ELSE 0 END) AS n_active,
    sum(CASE WHEN segment = 'dormant' THEN 1 ELSE 0 END) AS n_dormant,
    sum(price_sensitive) AS sensitive
  FROM mart_customer_segments
  WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date)
) AS segmented
