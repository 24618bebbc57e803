-- churn_scores_weekly: the latest scoring run of every ISO week, so reports can compare a week's
-- scores with the week before (churn_scores holds the latest run only). Rebuilt from itself
-- without the week of the run just published, plus that run (churn_scores); {week_start} and
-- {week_end} are the Monday of that week and the Monday after, as 'YYYY-MM-DD'.
SELECT * FROM churn_scores_weekly
WHERE as_of < CAST('{week_start}' AS Date) OR as_of >= CAST('{week_end}' AS Date)
UNION ALL
SELECT * FROM churn_scores
