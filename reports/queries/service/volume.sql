-- Messages and turns of the week, summed from the daily mart. A week outside the data gives NULL,
-- not 0: ClickHouse sums an empty set to 0, so the day count decides.
SELECT
  CASE WHEN days = 0 THEN NULL ELSE inbound END AS inbound_messages,
  CASE WHEN days = 0 THEN NULL ELSE started END AS turns,
  CASE WHEN days = 0 THEN NULL ELSE answered END AS answered_turns,
  CASE WHEN days = 0 THEN NULL ELSE unanswered END AS unanswered_turns
FROM (
  SELECT
    count(*) AS days,
    sum(inbound_messages) AS inbound,
    sum(turns) AS started,
    sum(answered_turns) AS answered,
    sum(unanswered_turns) AS unanswered
  FROM mart_service_daily
  WHERE local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
) AS week
