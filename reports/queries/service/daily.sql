-- One row per local date of the week; the SLA goes along so the chart can draw the target line.
SELECT local_date, answered_turns, median_response_s, p90_response_s, within_sla_rate, {sla_seconds} AS sla_seconds
FROM mart_service_daily
WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
ORDER BY local_date
