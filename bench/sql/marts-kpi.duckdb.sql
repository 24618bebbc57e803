-- Our marts' answers to the three KPI queries of the Postgres baseline, in the same shape.
SELECT CAST(local_date AS VARCHAR) AS local_date, turns, median_response_s FROM mart_service_daily WHERE turns > 0;
SELECT CAST(week_start AS VARCHAR) AS week_start, keyword, messages, customers FROM mart_keywords_weekly;
SELECT CAST(week_start AS VARCHAR) AS week_start, contacted, inquired, ordered, paid FROM mart_funnel;
