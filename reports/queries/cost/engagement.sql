-- Campaign engagement of the week: counts summed over templates and days, rates from the sums.
SELECT
  CASE WHEN days = 0 THEN NULL ELSE sent_total END AS sent,
  CASE WHEN days = 0 THEN NULL ELSE delivered_total END AS delivered,
  CASE WHEN days = 0 THEN NULL ELSE read_total END AS read_messages,
  CASE WHEN days = 0 THEN NULL ELSE clicked_total END AS clicked,
  CASE WHEN days = 0 THEN NULL ELSE failed_total END AS failed,
  CASE WHEN sent_total = 0 THEN NULL ELSE delivered_total / sent_total END AS delivery_rate,
  CASE WHEN delivered_total = 0 THEN NULL ELSE read_total / delivered_total END AS read_rate,
  CASE WHEN delivered_total = 0 THEN NULL ELSE clicked_total / delivered_total END AS ctr,
  CASE WHEN sent_total = 0 THEN NULL ELSE failed_total / sent_total END AS failure_rate
FROM (
  SELECT
    count(*) AS days,
    sum(sent) AS sent_total,
    sum(delivered) AS delivered_total,
    sum(read) AS read_total,
    sum(clicked) AS clicked_total,
    sum(failed) AS failed_total
  FROM mart_campaign_daily
  WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
) AS week
