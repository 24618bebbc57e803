{#
  Billable WhatsApp conversations (METRICS.md Cost and benefit): distinct conversation ids of
  billable statuses, dated by their first status, with the category and recipient country of that
  first status and the rate they are priced at: the country's own rate for the category, else the
  default ('*') rate, else 0 for a category without any rate.
#}
SELECT
  conversation_id,
  first_ms,
  {{ local_date('first_ms') }} AS local_date,
  {{ week_start(local_date('first_ms')) }} AS week_start,
  category,
  rate_country AS country,
  CASE WHEN coalesce(has_country_rate, 0) = 1 THEN country_rate ELSE coalesce(default_rate, 0) END AS cost
FROM (
  SELECT conversation_id, first_ms, rate_country, category, country_rate, has_country_rate
  FROM (
    SELECT
      conversation_id,
      min(ts_ms) AS first_ms,
      coalesce(argMin(country, ts_ms), '') AS rate_country,
      coalesce(argMin(pricing_category, ts_ms), '') AS category
    FROM {{ ref('stg_statuses') }}
    WHERE conversation_id IS NOT NULL AND pricing_billable = 1
    GROUP BY conversation_id
  ) conversations
  LEFT JOIN (
    SELECT country AS rate_country, category, rate AS country_rate, 1 AS has_country_rate
    FROM {{ ref('seed_conversation_rates') }} WHERE country <> '*'
  ) country_rates USING (rate_country, category)
) priced_by_country
LEFT JOIN (
  SELECT category, rate AS default_rate FROM {{ ref('seed_conversation_rates') }} WHERE country = '*'
) default_rates USING (category)
