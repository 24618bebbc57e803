{#
  Each contacted customer's way through the funnel (METRICS.md Funnel). Steps, each at or after
  the previous one and within conversion_window of the contact: contact (first inbound content
  message), inquiry (inbound message matching product_inquiry or price), order (created), paid.
  Each step takes the earliest qualifying time, which is what lets the later steps happen.
  Also: the first payment category the customer mentioned, and whether they ordered within
  conversion_window after one of their price_discount messages.
#}
{% set window_ms = vars.conversion_window_s * 1000 %}
SELECT
  customer_key,
  contact_ms,
  {{ week_start(local_date('contact_ms')) }} AS contact_week,
  inquiry_ms,
  order_ms,
  paid_ms,
  coalesce(nullif(payment_category, ''), 'none') AS payment_category,
  coalesce(sent_discount, 0) AS sent_discount,
  coalesce(discount_ordered, 0) AS discount_ordered
FROM (
  SELECT customer_key, contact_ms, inquiry_ms, order_ms, paid_ms, payment_category
  FROM (
    SELECT
      customer_key, contact_ms, inquiry_ms, order_ms,
      min(CASE WHEN candidate_ms >= order_ms AND candidate_ms <= contact_ms + {{ window_ms }} THEN candidate_ms END) AS paid_ms
    FROM (
      SELECT
        customer_key, contact_ms, inquiry_ms,
        min(CASE WHEN candidate_ms >= inquiry_ms AND candidate_ms <= contact_ms + {{ window_ms }} THEN candidate_ms END) AS order_ms
      FROM (
        SELECT
          customer_key, contact_ms,
          min(CASE WHEN candidate_ms >= contact_ms AND candidate_ms <= contact_ms + {{ window_ms }} THEN candidate_ms END) AS inquiry_ms
        FROM (
          SELECT customer_key, min(ts_ms) AS contact_ms
          FROM {{ ref('stg_messages') }}
          WHERE is_inbound_content = 1
          GROUP BY customer_key
        ) contacts
        LEFT JOIN (
          SELECT customer_key, ts_ms AS candidate_ms FROM {{ ref('int_keyword_matches') }} WHERE category IN ('product_inquiry', 'price')
        ) inquiries USING (customer_key)
        GROUP BY customer_key, contact_ms
      ) inquired
      LEFT JOIN (SELECT customer_key, created_at_ms AS candidate_ms FROM {{ ref('int_orders') }}) orders USING (customer_key)
      GROUP BY customer_key, contact_ms, inquiry_ms
    ) ordered
    LEFT JOIN (SELECT customer_key, paid_ms AS candidate_ms FROM {{ ref('int_orders') }} WHERE is_paid = 1) payments USING (customer_key)
    GROUP BY customer_key, contact_ms, inquiry_ms, order_ms
  ) paid
  LEFT JOIN (
    SELECT customer_key, argMin(category, (ts_ms, category)) AS payment_category
    FROM {{ ref('int_keyword_matches') }}
    WHERE substring(category, 1, 8) = 'payment_'
    GROUP BY customer_key
  ) payment_mentions USING (customer_key)
) steps
LEFT JOIN (
  SELECT
    customer_key,
    1 AS sent_discount,
    max({{ flag('created_at_ms >= discount_ms AND created_at_ms <= discount_ms + ' ~ window_ms) }}) AS discount_ordered
  FROM (SELECT customer_key, ts_ms AS discount_ms FROM {{ ref('int_keyword_matches') }} WHERE category = 'price_discount') discounts
  LEFT JOIN (SELECT customer_key, created_at_ms FROM {{ ref('int_orders') }}) orders USING (customer_key)
  GROUP BY customer_key
) discount_customers USING (customer_key)
