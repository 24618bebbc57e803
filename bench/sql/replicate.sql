-- Benchmark data, for both engines: one more copy of the generated base rows (ids without '~'),
-- with ids and phones suffixed by {suffix} (a copy's ids carry '~') and the *_ms times shifted by
-- {shift} ms. The timestamp columns are copied as they are (models read only the *_ms times), and
-- so are the CRM records' phone lists (a copy's customers have no CRM record). Run once per copy;
-- {suffix} and {shift} are bound by the warehouse driver. The base rows are picked in a subquery:
-- ClickHouse would read `message_id` in an outer WHERE as the SELECT's alias, the suffixed id.

INSERT INTO raw_messages (message_id, source, phone_number_id, customer_phone, customer_name, direction, sender_kind, agent_id, type, text, text_norm, tokens, emojis, sentiment, interactive_id, template_name, template_category, template_language, context_message_id, referral_source_id, referral_source_url, ts_ms, ts, raw_json, source_file, source_line, ingested_at_ms)
SELECT
  concat(message_id, '~', {suffix}) AS message_id,
  source,
  phone_number_id,
  concat(customer_phone, {suffix}) AS customer_phone,
  customer_name,
  direction,
  sender_kind,
  agent_id,
  type,
  text,
  text_norm,
  tokens,
  emojis,
  sentiment,
  interactive_id,
  template_name,
  template_category,
  template_language,
  context_message_id,
  referral_source_id,
  referral_source_url,
  ts_ms + {shift} AS ts_ms,
  ts,
  raw_json,
  source_file,
  source_line,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_messages WHERE message_id NOT LIKE '%~%') base;

INSERT INTO raw_statuses (message_id, status, recipient_phone, phone_number_id, ts_ms, ts, conversation_id, conversation_category, conversation_expires_ms, conversation_expires, pricing_billable, pricing_model, pricing_category, error_code, error_title, error_details, raw_json, source_file, source_line, ingested_at_ms)
SELECT
  concat(message_id, '~', {suffix}) AS message_id,
  status,
  concat(recipient_phone, {suffix}) AS recipient_phone,
  phone_number_id,
  ts_ms + {shift} AS ts_ms,
  ts,
  concat(conversation_id, '~', {suffix}) AS conversation_id,
  conversation_category,
  conversation_expires_ms,
  conversation_expires,
  pricing_billable,
  pricing_model,
  pricing_category,
  error_code,
  error_title,
  error_details,
  raw_json,
  source_file,
  source_line,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_statuses WHERE message_id NOT LIKE '%~%') base;

INSERT INTO raw_clicks (click_id, token, message_id, url, ts_ms, ts, user_agent, raw_json, source_file, source_line, ingested_at_ms)
SELECT
  concat(click_id, '~', {suffix}) AS click_id,
  token,
  concat(message_id, '~', {suffix}) AS message_id,
  url,
  ts_ms + {shift} AS ts_ms,
  ts,
  user_agent,
  raw_json,
  source_file,
  source_line,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_clicks WHERE click_id NOT LIKE '%~%') base;

INSERT INTO raw_orders (order_id, source, customer_phone, customer_name, email, status, payment_method, currency, total, created_at_ms, created_at, updated_at_ms, updated_at, paid_at_ms, paid_at, row_hash, raw_json, source_file, source_line, ingested_at_ms)
SELECT
  concat(order_id, '~', {suffix}) AS order_id,
  source,
  concat(customer_phone, {suffix}) AS customer_phone,
  customer_name,
  email,
  status,
  payment_method,
  currency,
  total,
  created_at_ms + {shift} AS created_at_ms,
  created_at,
  updated_at_ms + {shift} AS updated_at_ms,
  updated_at,
  paid_at_ms + {shift} AS paid_at_ms,
  paid_at,
  row_hash,
  raw_json,
  source_file,
  source_line,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_orders WHERE order_id NOT LIKE '%~%') base;

INSERT INTO raw_order_items (order_id, row_hash, updated_at_ms, updated_at, line_no, sku, name, quantity, unit_price, currency, ingested_at_ms)
SELECT
  concat(order_id, '~', {suffix}) AS order_id,
  row_hash,
  updated_at_ms + {shift} AS updated_at_ms,
  updated_at,
  line_no,
  sku,
  name,
  quantity,
  unit_price,
  currency,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_order_items WHERE order_id NOT LIKE '%~%') base;

INSERT INTO raw_customers (crm_id, source, first_name, last_name, full_name, phones, email, tier, address, postal_code, country, tags, updated_at_ms, updated_at, row_hash, raw_json, source_file, source_line, ingested_at_ms)
SELECT
  concat(crm_id, '~', {suffix}) AS crm_id,
  source,
  first_name,
  last_name,
  full_name,
  phones,
  email,
  tier,
  address,
  postal_code,
  country,
  tags,
  updated_at_ms + {shift} AS updated_at_ms,
  updated_at,
  row_hash,
  raw_json,
  source_file,
  source_line,
  ingested_at_ms + {shift} AS ingested_at_ms
FROM (SELECT * FROM raw_customers WHERE crm_id NOT LIKE '%~%') base;
