-- Price-sensitive tags (more than 3 price_discount messages in the 30 days up to as_of).
SELECT customer_key, price_sensitive
FROM mart_customer_segments
