SELECT customer_key, as_of, probability, risk_band, reason_1, reason_2, reason_3, recovery_candidate, suggested_action, model_version
FROM churn_scores_weekly
WHERE as_of = (SELECT max(as_of) FROM churn_scores_weekly WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date))
  AND risk_band = 'high'
ORDER BY probability DESC, customer_key
LIMIT 1000
