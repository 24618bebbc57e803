-- bench/postgres/keywords-weekly.sql on ClickHouse: the same count by ISO week and keyword.
SELECT toString(toMonday(local_date)) AS week_start, keyword, count() AS messages, uniqExact(customer_key) AS customers
FROM keyword_matches
GROUP BY week_start, keyword
ORDER BY week_start, keyword;
