{#
  Messaging cost by conversation category (marketing, utility, authentication, service, …) and ISO
  week: the billable conversations of int_billable_conversations opened that week, their cost, and
  each category's share of the week's conversation cost. One row per week and category that had
  any billable conversation; a status without a pricing category counts as 'uncategorized'.
#}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  cost_category AS category,
  {{ vars.currency | lit }} AS currency,
  billable_conversations,
  conversation_cost,
  {{ safe_div('conversation_cost', 'week_cost') }} AS share_of_cost
FROM (
  SELECT week_start, cost_category, count(*) AS billable_conversations, sum(cost) AS conversation_cost
  FROM (
    SELECT week_start, cost, CASE WHEN category = '' THEN 'uncategorized' ELSE category END AS cost_category
    FROM {{ ref('int_billable_conversations') }}
  ) conversations
  GROUP BY week_start, cost_category
) by_category
JOIN (
  SELECT week_start, sum(cost) AS week_cost FROM {{ ref('int_billable_conversations') }} GROUP BY week_start
) weekly USING (week_start)
