-- Campaign engagement of the week by template.
SELECT
  template_name,
  sent_total AS sent,
  delivered_total AS delivered,
  clicked_total AS clicked,
  CASE WHEN sent_total = 0 THEN NULL ELSE delivered_total / sent_total END AS delivery_rate,
  CASE WHEN delivered_total = 0 THEN NULL ELSE read_total / delivered_total END AS read_rate,
  CASE WHEN delivered_total = 0 THEN NULL ELSE clicked_total / delivered_total END AS ctr,
  CASE WHEN sent_total = 0 THEN NULL ELSE failed_total / sent_total END AS failure_rate
FROM (
  SELECT
    template_name,
    sum(sent) AS sent_total,
    sum(delivered) AS delivered_total,
    sum(read) AS read_total,
    sum(clicked) AS clicked_total,
    sum(failed) AS failed_total
  FROM mart_campaign_daily
  WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
  GROUP BY template_name
) AS by_template
ORDER BY template_name
