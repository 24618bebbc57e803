-- Daily KPIs, one row per local date of the data (mart_kpi_daily).
SELECT
  local_date        AS period,
  inbound_messages,
  turns,
  median_response_s,
  within_sla_rate,
  conversations,
  complaint_rate,
  handoff_rate,
  resolution_rate,
  outbound_messages,
  failed_messages,
  failure_rate,
  orders,
  paid_orders,
  revenue
FROM mart_kpi_daily
