-- One row per message (its last delivery) and per order (its latest version), ties broken as
-- Postgres's DISTINCT ON breaks them (an empty field, NULL there, sorts first when descending).
INSERT INTO messages
SELECT message_id, customer_phone, direction, sender_kind, agent_id, type,
       -- A Postgres array literal of quoted elements ({"a","b\"c"}) back into an array.
       arrayMap(t -> replaceRegexpAll(t, '\\\\(.)', '\\1'), extractAll(tokens, '"((?:[^"\\\\]|\\\\.)*)"')) AS tokens,
       ts_ms
FROM message_deliveries
ORDER BY message_id, ingested_at_ms = '' DESC, toInt64OrZero(ingested_at_ms) DESC, source_file = '' DESC, source_file DESC,
         source_line = '' DESC, toInt64OrZero(source_line) DESC
LIMIT 1 BY message_id;
INSERT INTO orders
SELECT order_id, customer_phone, status,
       -- Both branches of if() are evaluated: the OrZero conversion does not fail on the empty field.
       if(created_at_ms = '', NULL, toInt64OrZero(created_at_ms)), if(updated_at_ms = '', NULL, toInt64OrZero(updated_at_ms)), if(paid_at_ms = '', NULL, toInt64OrZero(paid_at_ms))
FROM order_versions
ORDER BY order_id, updated_at_ms = '' DESC, toInt64OrZero(updated_at_ms) DESC, row_hash = '' DESC, row_hash DESC,
         ingested_at_ms = '' DESC, toInt64OrZero(ingested_at_ms) DESC, source_file = '' DESC, source_file DESC, source_line = '' DESC, toInt64OrZero(source_line) DESC
LIMIT 1 BY order_id;
INSERT INTO keyword_phrases
SELECT keyword, category, arrayMap(t -> replaceRegexpAll(t, '\\\\(.)', '\\1'), extractAll(tokens, '"((?:[^"\\\\]|\\\\.)*)"')), n_tokens, first_token
FROM keywords;
-- The views of bench/postgres/views.sql: the customer is NULL where the phone has no contact.
CREATE VIEW inbound_messages AS
SELECT message_id, nullIf(contact_key, '') AS customer_key, tokens, ts_ms, toDate(toDateTime(intDiv(ts_ms, 1000), {timezone})) AS local_date
FROM messages
ANY LEFT JOIN (SELECT phone AS customer_phone, customer_key AS contact_key FROM contacts) USING customer_phone
WHERE direction = 'inbound' AND type IN ({content_types});
CREATE VIEW keyword_matches AS
SELECT DISTINCT message_id, customer_key, ts_ms, local_date, keyword, category
FROM (
  SELECT message_id, customer_key, ts_ms, local_date, tokens, token, pos
  FROM inbound_messages
  ARRAY JOIN tokens AS token, arrayEnumerate(tokens) AS pos
)
ALL INNER JOIN (SELECT first_token AS token, keyword, category, tokens AS keyword_tokens, n_tokens FROM keyword_phrases) USING token
WHERE arraySlice(tokens, pos, n_tokens) = keyword_tokens;
-- The funnel's orders with their customer (Postgres's customer_orders), by a key that is never NULL:
-- orders of a phone without a contact join no customer, so they are left out.
CREATE VIEW customer_orders AS
SELECT contact_key AS key, created_at_ms, if(status IN ({paid_statuses}), coalesce(paid_at_ms, updated_at_ms), NULL) AS paid_ms
FROM orders
ANY LEFT JOIN (SELECT phone AS customer_phone, customer_key AS contact_key FROM contacts) USING customer_phone
WHERE contact_key != '';
