{#
  One row per message id (a message delivered twice keeps its last delivery), with the
  customer_key of the sender's phone, the local calendar of the message in the configured time
  zone, and the flags METRICS.md defines: content message, inbound content, responder message
  (agent or bot content). Only the columns models read are kept (the landing table has the rest):
  this is the widest table of the DAG, and every column costs at tens of millions of rows.
#}
{% set content_types = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template'] %}
{% set is_inbound_content = "direction = 'inbound' AND type IN (" ~ (content_types | lits) ~ ")" %}
SELECT
  message_id,
  phone_number_id,
  customer_key,
  direction,
  sender_kind,
  {# Words are only ever read from inbound content messages (keywords, terms). #}
  CASE WHEN {{ is_inbound_content }} THEN tokens ELSE [] END AS tokens,
  {{ flag('length(emojis) > 0') }} AS has_emoji,
  sentiment,
  interactive_id,
  template_name,
  template_category,
  ts_ms,
  {{ local_date('ts_ms') }} AS local_date,
  {{ local_hour('ts_ms') }} AS local_hour,
  {{ local_weekday('ts_ms') }} AS local_weekday,
  {{ week_start(local_date('ts_ms')) }} AS week_start,
  {{ flag("type IN (" ~ (content_types | lits) ~ ")") }} AS is_content,
  {{ flag(is_inbound_content) }} AS is_inbound_content,
  {{ flag("direction = 'outbound' AND sender_kind IN ('agent', 'bot') AND type IN (" ~ (content_types | lits) ~ ")") }} AS is_responder,
  CASE WHEN direction = 'outbound' AND sender_kind = 'bot' THEN 'bot'
       WHEN direction = 'outbound' AND sender_kind = 'agent' THEN coalesce(agent_id, 'unknown_agent')
  END AS responder_id,
  {# Ordering rule of METRICS.md: ts_ms, then inbound before outbound, then message_id. #}
  {{ flag("direction <> 'inbound'") }} AS direction_order
FROM (
  {{ deduplicated(source('raw_messages'), 'message_id',
     'message_id, phone_number_id, customer_phone, direction, sender_kind, agent_id, type, tokens, emojis, sentiment, interactive_id, template_name, template_category, ts_ms, source_file, source_line, ingested_at_ms', ref('stg_duplicate_messages')) }}
) messages
LEFT JOIN (SELECT phone AS customer_phone, customer_key FROM {{ ref('stg_identity') }}) identity USING (customer_phone)
