{#
  Top terms (METRICS.md): tokens of inbound content messages that are not stopwords and have
  at least 2 characters (1 for CJK), counted once per message; the top 200 per ISO week by
  messages, then customers, then the term. Ranked by sorting each week's terms as one array.
#}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  rank,
  term,
  messages,
  customers,
  {{ safe_div('messages', 'week_messages') }} AS share
FROM (
  SELECT week_start, toInt32(position) AS rank, entry.1 AS term, entry.2 AS messages, entry.3 AS customers
  FROM (
    SELECT
      week_start,
      arraySlice(arraySort(x -> (-toInt64(x.2), -toInt64(x.3), x.1), groupArray((term, messages, customers))), 1, 200) AS top
    FROM (
      SELECT week_start, term, sum(messages) AS messages, count(*) AS customers
      FROM (
        SELECT week_start, term, customer_key, count(*) AS messages
        FROM ({{ eligible_terms('SELECT week_start, customer_key, arrayJoin(arrayDistinct(tokens)) AS term FROM ' ~ ref('stg_messages') ~ ' WHERE is_inbound_content = 1') }}) terms
        GROUP BY week_start, term, customer_key
      ) by_customer
      GROUP BY week_start, term
    ) by_term
    GROUP BY week_start
  ) weeks
  ARRAY JOIN top AS entry, arrayEnumerate(top) AS position
) ranked
LEFT JOIN ({{ weekly_inbound_totals(ref('stg_messages')) }}) totals USING (week_start)
