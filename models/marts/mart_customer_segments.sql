{#
  Segments as of as_of (METRICS.md), precedence top-down: high_intent (more than 3 inbound
  product_inquiry messages in the 7 days up to as_of), lost (last inbound content message more
  than 60 days before as_of), potential (1–2 interactions in the 30 days up to as_of), active
  (3 or more), dormant. "The N days up to as_of" are the local dates as_of − (N − 1) … as_of.
#}
SELECT
  customer_key,
  as_of,
  segment,
  CASE segment WHEN 'high_intent' THEN 'send_discount_10'
               WHEN 'lost' THEN 'low_priority_list'
               WHEN 'potential' THEN 'weekly_follow_up'
               ELSE 'none' END AS action,
  product_inquiry_messages_7d,
  price_discount_messages_30d,
  {{ flag('price_discount_messages_30d > 3') }} AS price_sensitive,
  interactions_30d,
  last_inbound_date,
  days_since_last_inbound
FROM (
  SELECT
    *,
    CASE WHEN product_inquiry_messages_7d > 3 THEN 'high_intent'
         WHEN days_since_last_inbound > 60 THEN 'lost'
         WHEN interactions_30d BETWEEN 1 AND 2 THEN 'potential'
         WHEN interactions_30d >= 3 THEN 'active'
         ELSE 'dormant' END AS segment
  FROM (
    SELECT
      customer_key, as_of, product_inquiry_messages_7d, price_discount_messages_30d, interactions_30d, last_inbound_date,
      {{ to_int('as_of - last_inbound_date') }} AS days_since_last_inbound
    FROM (
      SELECT
        customer_key,
        as_of,
        sum(CASE WHEN local_date >= as_of - 6 THEN product_inquiry_messages ELSE 0 END) AS product_inquiry_messages_7d,
        sum(CASE WHEN local_date >= as_of - 29 THEN price_discount_messages ELSE 0 END) AS price_discount_messages_30d,
        sum(CASE WHEN local_date >= as_of - 29 THEN interactions ELSE 0 END) AS interactions_30d,
        max(CASE WHEN inbound_messages > 0 THEN local_date END) AS last_inbound_date
      FROM {{ ref('int_customer_activity') }}
      CROSS JOIN (SELECT as_of FROM {{ ref('int_run_params') }}) params
      WHERE local_date <= as_of
      GROUP BY customer_key, as_of
    ) windows
  ) measured
) segmented
