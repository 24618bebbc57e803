-- Churn-risk flags: each customer's score at the latest scoring date (churn_scores).
SELECT customer_key, probability, risk_band, reason_1, reason_2, reason_3, recovery_candidate, suggested_action
FROM churn_scores
WHERE as_of = (SELECT max(as_of) FROM churn_scores)
