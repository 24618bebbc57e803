-- Counts by risk band of the latest scoring run dated in the week (churn_scores_weekly.as_of).
SELECT
  CASE WHEN n = 0 THEN NULL ELSE n END AS scored_customers,
  CASE WHEN n = 0 THEN NULL ELSE high END AS high_risk,
  CASE WHEN n = 0 THEN NULL ELSE medium END AS medium_risk,
  CASE WHEN n = 0 THEN NULL ELSE low END AS low_risk,
  CASE WHEN n = 0 THEN NULL ELSE high / n END AS high_risk_share,
  CASE WHEN n = 0 THEN NULL ELSE recovery END AS recovery_candidates
FROM (
  SELECT
    count(*) AS n,
    sum(CASE WHEN risk_band = 'high' THEN 1 ELSE 0 END) AS high,
    sum(CASE WHEN risk_band = 'medium' THEN 1 ELSE 0 END) AS medium,
    sum(CASE WHEN risk_band = 'low' THEN 1 ELSE 0 END) AS low,
    sum(recovery_candidate) AS recovery
  FROM churn_scores_weekly
  WHERE as_of = (SELECT max(as_of) FROM churn_scores_weekly WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date))
) AS scored
