{#
  What each customer did each local date: messages by kind, conversations started, keyword
  matches of the categories segments and churn read, orders created and paid. One row per
  customer and date with any activity; the base for windows such as "the 30 days up to as_of".
#}
SELECT
  customer_key,
  local_date,
  sum(inbound_messages) AS inbound_messages,
  sum(responder_messages) AS responder_messages,
  sum(campaign_messages) AS campaign_messages,
  sum(conversations) AS conversations,
  sum(interactions) AS interactions,
  sum(product_inquiry_messages) AS product_inquiry_messages,
  sum(price_discount_messages) AS price_discount_messages,
  sum(complaint_messages) AS complaint_messages,
  sum(orders_created) AS orders_created,
  sum(orders_paid) AS orders_paid,
  sum(revenue_paid) AS revenue_paid
FROM (
  SELECT
    customer_key, local_date,
    countIf(is_inbound_content = 1) AS inbound_messages,
    countIf(is_responder = 1) AS responder_messages,
    countIf(is_content = 1 AND direction = 'outbound' AND sender_kind = 'campaign') AS campaign_messages,
    0 AS conversations, 0 AS interactions,
    0 AS product_inquiry_messages, 0 AS price_discount_messages, 0 AS complaint_messages,
    0 AS orders_created, 0 AS orders_paid, {{ to_float(0) }} AS revenue_paid
  FROM {{ ref('stg_messages') }}
  WHERE is_content = 1
  GROUP BY customer_key, local_date
  UNION ALL
  SELECT
    customer_key, local_date,
    0, 0, 0,
    count(*), countIf(is_interaction = 1),
    0, 0, 0,
    0, 0, {{ to_float(0) }}
  FROM {{ ref('int_conversations') }}
  GROUP BY customer_key, local_date
  UNION ALL
  SELECT
    customer_key, local_date,
    0, 0, 0,
    0, 0,
    {# A message matching several keywords of one category counts once. #}
    {{ count_distinct_if('message_id', "category = 'product_inquiry'") }},
    {{ count_distinct_if('message_id', "category = 'price_discount'") }},
    {{ count_distinct_if('message_id', "category = 'complaint'") }},
    0, 0, {{ to_float(0) }}
  FROM {{ ref('int_keyword_matches') }}
  {# Only the three categories counted here: other matches add 0 to every sum. #}
  WHERE category IN ('product_inquiry', 'price_discount', 'complaint')
  GROUP BY customer_key, local_date
  UNION ALL
  SELECT customer_key, created_date, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, {{ to_float(0) }}
  FROM {{ ref('int_orders') }}
  GROUP BY customer_key, created_date
  UNION ALL
  {# coalesce: paid_date is never NULL here, but a sort key must not be a nullable type. #}
  SELECT customer_key, coalesce(paid_date, created_date) AS paid_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum({{ to_float('total') }})
  FROM {{ ref('int_orders') }}
  WHERE is_paid = 1
  GROUP BY customer_key, paid_on
) activity
GROUP BY customer_key, local_date
