-- Response-time distribution of the week's answered turns (bots count as responders), elapsed
-- and in business hours: the daily buckets of every business number summed over the week.
SELECT bucket_no, bucket, sum(answered_turns) AS answered_turns, sum(business_answered_turns) AS business_answered_turns
FROM mart_response_buckets_daily
WHERE clock = 'bots_count' AND local_date >= CAST({week_start} AS Date) AND local_date < CAST({week_end} AS Date)
GROUP BY bucket_no, bucket
ORDER BY bucket_no
