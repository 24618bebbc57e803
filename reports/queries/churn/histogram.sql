-- Scored customers by probability decile (0–10 %, …, 90–100 %), counted in the warehouse.
SELECT decile, count(*) AS customers
FROM (
  SELECT least(CAST(floor(probability * 10) AS Int64), 9) AS decile
  FROM churn_scores_weekly
  WHERE as_of = (SELECT max(as_of) FROM churn_scores_weekly WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date))
) AS scored
GROUP BY decile
ORDER BY decile
