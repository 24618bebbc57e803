-- The customers most likely to churn, by customer_key only (never a phone), with the model's reasons.
SELECT customer_key, probability, risk_band, [reason_1, reason_2, reason_3] AS reasons, recovery_candidate, suggested_action
FROM churn_scores_weekly
WHERE as_of = (SELECT max(as_of) FROM churn_scores_weekly WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date))
ORDER BY probability DESC, customer_key
LIMIT 25
