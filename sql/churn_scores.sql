-- churn_scores: the latest scoring run, one row per scored customer (both engines).
SELECT
  customer_key,
  CAST(as_of AS Date) AS as_of,
  probability,
  risk_band,
  reason_1,
  reason_2,
  reason_3,
  recovery_candidate,
  suggested_action,
  model_version
FROM churn_scores__scored
