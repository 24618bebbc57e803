-- Weekly keyword frequencies: inbound content messages matching each keyword, and their customers, by ISO week.
SET search_path TO scrm_bench;
SELECT date_trunc('week', local_date)::date::text AS week_start, keyword, count(*) AS messages, count(DISTINCT customer_key) AS customers
FROM keyword_matches
GROUP BY 1, 2
ORDER BY 1, 2;
