-- bench/postgres/funnel.sql on ClickHouse 18.16, which joins on equality only: each step joins
-- the customer's candidates (by customer; a NULL customer joins nothing, as in Postgres) and keeps
-- the earliest that falls in the step's range, NULL when none does.
SELECT toString(toMonday(toDate(toDateTime(intDiv(contact_ms, 1000), {timezone})))) AS week_start,
       count() AS contacted, count(inquiry_ms) AS inquired, count(order_ms) AS ordered, count(paid_ms) AS paid
FROM (
  SELECT customer_key, contact_ms, inquiry_ms, order_ms, if(countIf(hit) = 0, NULL, minIf(candidate_ms, hit)) AS paid_ms
  FROM (
    SELECT customer_key, contact_ms, inquiry_ms, order_ms, candidate_ms,
           ifNull(candidate_ms >= order_ms AND candidate_ms <= contact_ms + {window_ms}, 0) AS hit
    FROM (
      SELECT customer_key, contact_ms, inquiry_ms, if(countIf(hit) = 0, NULL, minIf(candidate_ms, hit)) AS order_ms, ifNull(customer_key, '') AS key
      FROM (
        SELECT customer_key, contact_ms, inquiry_ms, candidate_ms,
               ifNull(candidate_ms >= inquiry_ms AND candidate_ms <= contact_ms + {window_ms}, 0) AS hit
        FROM (
          SELECT customer_key, contact_ms, if(countIf(hit) = 0, NULL, minIf(candidate_ms, hit)) AS inquiry_ms, ifNull(customer_key, '') AS key
          FROM (
            SELECT customer_key, contact_ms, candidate_ms, candidate_ms >= contact_ms AND candidate_ms <= contact_ms + {window_ms} AS hit
            FROM (SELECT customer_key, min(ts_ms) AS contact_ms, ifNull(customer_key, '') AS key FROM inbound_messages GROUP BY customer_key)
            ALL LEFT JOIN (
              SELECT assumeNotNull(customer_key) AS key, ts_ms AS candidate_ms
              FROM keyword_matches
              WHERE category IN ('product_inquiry', 'price') AND customer_key IS NOT NULL
            ) USING key
          )
          GROUP BY customer_key, contact_ms
        )
        ALL LEFT JOIN (SELECT key, created_at_ms AS candidate_ms FROM customer_orders) USING key
      )
      GROUP BY customer_key, contact_ms, inquiry_ms
    )
    ALL LEFT JOIN (SELECT key, paid_ms AS candidate_ms FROM customer_orders) USING key
  )
  GROUP BY customer_key, contact_ms, inquiry_ms, order_ms
)
GROUP BY week_start
ORDER BY week_start;
