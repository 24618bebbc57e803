-- Customers to send a discount code to this week (customer_key only).
SELECT customer_key, as_of, product_inquiry_messages_7d, price_discount_messages_30d, price_sensitive, interactions_30d, last_inbound_date
FROM mart_customer_segments
WHERE as_of >= CAST({week_start} AS Date) AND as_of < CAST({week_end} AS Date) AND segment = 'high_intent'
ORDER BY product_inquiry_messages_7d DESC, customer_key
LIMIT 1000
