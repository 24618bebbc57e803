-- The funnel by ISO week of first contact: contact, then inquiry, order and payment, each the
-- earliest at or after the previous step and within the conversion window of the contact.
SET search_path TO scrm_bench;
WITH contacted AS (
  SELECT customer_key, min(ts_ms) AS contact_ms FROM inbound_messages GROUP BY customer_key
), inquired AS (
  SELECT f.customer_key, f.contact_ms, min(k.ts_ms) AS inquiry_ms
  FROM contacted f
  LEFT JOIN keyword_matches k
    ON k.customer_key = f.customer_key AND k.category IN ('product_inquiry', 'price')
   AND k.ts_ms BETWEEN f.contact_ms AND f.contact_ms + {window_ms}
  GROUP BY f.customer_key, f.contact_ms
), customer_orders AS (
  SELECT c.customer_key, o.created_at_ms,
         CASE WHEN o.status IN ({paid_statuses}) THEN coalesce(o.paid_at_ms, o.updated_at_ms) END AS paid_ms
  FROM orders o
  LEFT JOIN contacts c ON c.phone = o.customer_phone
), ordered AS (
  SELECT i.customer_key, i.contact_ms, i.inquiry_ms, min(o.created_at_ms) AS order_ms
  FROM inquired i
  LEFT JOIN customer_orders o
    ON o.customer_key = i.customer_key AND o.created_at_ms BETWEEN i.inquiry_ms AND i.contact_ms + {window_ms}
  GROUP BY i.customer_key, i.contact_ms, i.inquiry_ms
), paid AS (
  SELECT o.customer_key, o.contact_ms, o.inquiry_ms, o.order_ms, min(p.paid_ms) AS paid_ms
  FROM ordered o
  LEFT JOIN customer_orders p
    ON p.customer_key = o.customer_key AND p.paid_ms BETWEEN o.order_ms AND o.contact_ms + {window_ms}
  GROUP BY o.customer_key, o.contact_ms, o.inquiry_ms, o.order_ms
)
SELECT date_trunc('week', (to_timestamp(contact_ms / 1000.0) AT TIME ZONE {timezone})::date)::date::text AS week_start,
       count(*) AS contacted, count(inquiry_ms) AS inquired, count(order_ms) AS ordered, count(paid_ms) AS paid
FROM paid
GROUP BY 1
ORDER BY 1;
