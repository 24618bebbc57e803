-- The week's cost by component: billable conversations per category (mart_cost_category_weekly)
-- and the prorated tool cost (NULL for a week outside the data).
SELECT component, amount FROM (
  SELECT concat('conversations: ', category) AS component, conversation_cost AS amount
  FROM mart_cost_category_weekly
  WHERE week_start = CAST({week_start} AS Date)
  UNION ALL
  SELECT 'tool (prorated)' AS component, CASE WHEN count(*) = 0 THEN NULL ELSE sum(tool_cost) END AS amount
  FROM mart_cost_weekly
  WHERE week_start = CAST({week_start} AS Date)
) AS parts
ORDER BY component
