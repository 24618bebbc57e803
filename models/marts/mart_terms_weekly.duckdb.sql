{#
  Top terms (METRICS.md): tokens of inbound content messages that are not stopwords and have
  at least 2 characters (1 for CJK), counted once per message; the top 200 per ISO week by
  messages, then customers, then the term.
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
  SELECT
    week_start, term, messages, customers,
    CAST(row_number() OVER (PARTITION BY week_start ORDER BY messages DESC, customers DESC, term) AS INTEGER) AS rank
  FROM (
    SELECT week_start, term, sum(messages) AS messages, count(*) AS customers
    FROM (
      SELECT week_start, term, customer_key, count(*) AS messages
      FROM ({{ eligible_terms('SELECT week_start, customer_key, unnest(list_distinct(tokens)) AS term FROM ' ~ ref('stg_messages') ~ ' WHERE is_inbound_content = 1') }}) terms
      GROUP BY week_start, term, customer_key
    ) by_customer
    GROUP BY week_start, term
  ) by_term
  QUALIFY rank <= 200
) ranked
LEFT JOIN ({{ weekly_inbound_totals(ref('stg_messages')) }}) totals USING (week_start)
