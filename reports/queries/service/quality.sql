-- Resolution, complaint and handoff rates of the conversations started in the week: the daily
-- counts summed, then divided (a weekly rate, not a mean of daily rates).
SELECT
  CASE WHEN closed = 0 THEN NULL ELSE resolved / closed END AS resolution_rate,
  CASE WHEN customer_closed = 0 THEN NULL ELSE customer_resolved / customer_closed END AS customer_resolution_rate,
  CASE WHEN started = 0 THEN NULL ELSE complaints / started END AS complaint_rate,
  CASE WHEN started = 0 THEN NULL ELSE handoffs / started END AS handoff_rate
FROM (
  SELECT
    sum(conversations) AS started,
    sum(closed_conversations) AS closed,
    sum(resolved_conversations) AS resolved,
    sum(customer_closed_conversations) AS customer_closed,
    sum(customer_resolved_conversations) AS customer_resolved,
    sum(complaint_conversations) AS complaints,
    sum(handoff_conversations) AS handoffs
  FROM mart_quality_daily
  WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
) AS week
