{# Weekly keywords (METRICS.md): inbound content messages matching each keyword, by ISO week. #}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  keyword,
  category,
  messages,
  customers,
  {{ safe_div('messages', 'week_messages') }} AS share
FROM (
  SELECT week_start, keyword, category, count(*) AS messages, count(DISTINCT customer_key) AS customers
  FROM {{ ref('int_keyword_matches') }}
  GROUP BY week_start, keyword, category
) matches
LEFT JOIN ({{ weekly_inbound_totals(ref('stg_messages')) }}) totals USING (week_start)
