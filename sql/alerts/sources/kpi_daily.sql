-- Daily KPIs, one row per local date (mart_kpi_daily).
SELECT
  local_date        AS period,
  inbound_messages,
  median_response_s,
  within_sla_rate,
  complaint_rate,
  handoff_rate,
  resolution_rate,
  failure_rate,
  orders,
  revenue
FROM mart_kpi_daily
