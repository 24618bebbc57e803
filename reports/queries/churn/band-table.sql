SELECT
  risk_band,
  CASE risk_band WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END AS band_order,
  customers,
  mean_probability,
  recovery_candidates
FROM (
  SELECT risk_band, count(*) AS customers, avg(probability) AS mean_probability, sum(recovery_candidate) AS recovery_candidates
  FROM churn_scores_weekly
  WHERE as_of = (SELECT max(as_of) FROM churn_scores_weekly WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date))
  GROUP BY risk_band
) AS bands
ORDER BY band_order
