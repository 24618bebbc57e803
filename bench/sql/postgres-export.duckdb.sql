-- The landing rows the Postgres baseline loads with COPY (CSV, arrays as Postgres array literals),
-- plus the phone → customer mapping of identity resolution (a helpdesk's contacts table) and the
-- configured keyword phrases, so both sides answer the same question.
COPY (
  SELECT message_id, customer_phone, direction, sender_kind, agent_id, type,
         '{' || array_to_string(list_transform(tokens, t -> '"' || replace(replace(t, '\', '\\'), '"', '\"') || '"'), ',') || '}' AS tokens,
         ts_ms, ingested_at_ms, source_file, source_line
  FROM raw_messages
) TO {messages_file} (FORMAT csv, HEADER false);
COPY (
  SELECT order_id, customer_phone, status, created_at_ms, updated_at_ms, paid_at_ms, row_hash, ingested_at_ms, source_file, source_line
  FROM raw_orders
) TO {orders_file} (FORMAT csv, HEADER false);
COPY (SELECT phone, customer_key FROM stg_identity) TO {contacts_file} (FORMAT csv, HEADER false);
COPY (
  SELECT keyword, category, '{' || array_to_string(list_transform(tokens, t -> '"' || replace(replace(t, '\', '\\'), '"', '\"') || '"'), ',') || '}' AS tokens, n_tokens, first_token
  FROM seed_keywords
) TO {keywords_file} (FORMAT csv, HEADER false);
