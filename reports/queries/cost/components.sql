-- The week's cost split into its two parts, one row each; NULL amounts for a week outside the data.
SELECT component, amount FROM (
  SELECT 'billable conversations' AS component, CASE WHEN count(*) = 0 THEN NULL ELSE sum(conversation_cost) END AS amount
  FROM mart_cost_weekly
  WHERE week_start = CAST({week_start} AS Date)
  UNION ALL
  SELECT 'tool (prorated)' AS component, CASE WHEN count(*) = 0 THEN NULL ELSE sum(tool_cost) END AS amount
  FROM mart_cost_weekly
  WHERE week_start = CAST({week_start} AS Date)
) AS parts
ORDER BY component
