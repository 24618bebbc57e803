-- Cost and benefit of the week over every channel: sums, then the ratios of the sums (METRICS.md).
SELECT
  CASE WHEN channels = 0 THEN NULL ELSE total_cost END AS cost,
  CASE WHEN channels = 0 THEN NULL ELSE conversations_cost END AS conversation_cost,
  CASE WHEN channels = 0 THEN NULL ELSE tools_cost END AS tool_cost,
  CASE WHEN channels = 0 THEN NULL ELSE conversations END AS billable_conversations,
  CASE WHEN channels = 0 THEN NULL ELSE outbound END AS outbound_messages,
  CASE WHEN outbound = 0 THEN NULL ELSE total_cost / outbound END AS cost_per_message,
  CASE WHEN channels = 0 THEN NULL ELSE customers END AS new_customers,
  CASE WHEN customers = 0 THEN NULL ELSE total_cost / customers END AS cac,
  CASE WHEN channels = 0 THEN NULL ELSE orders END AS paid_orders,
  CASE WHEN channels = 0 THEN NULL ELSE income END AS revenue
FROM (
  SELECT
    count(*) AS channels,
    sum(cost) AS total_cost,
    sum(conversation_cost) AS conversations_cost,
    sum(tool_cost) AS tools_cost,
    sum(billable_conversations) AS conversations,
    sum(outbound_messages) AS outbound,
    sum(new_customers) AS customers,
    sum(paid_orders) AS orders,
    sum(revenue) AS income
  FROM mart_cost_weekly
  WHERE week_start = CAST({week_start} AS Date)
) AS week
