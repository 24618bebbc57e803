-- churn_scores_weekly: the latest scoring run of every ISO week, so reports can compare a week's
-- scores with the week before (churn_scores holds the latest run only). Rebuilt from itself
-- without the week of the run just published and without weeks before keep_from, plus that run
-- (churn_scores); week_start and week_end are the Monday of that week and the Monday after,
-- keep_from the Monday of the oldest week kept, all 'YYYY-MM-DD' literals.
SELECT * FROM churn_scores_weekly
WHERE (as_of < CAST({week_start} AS Date) OR as_of >= CAST({week_end} AS Date))
  AND as_of >= CAST({keep_from} AS Date)
UNION ALL
SELECT * FROM churn_scores
