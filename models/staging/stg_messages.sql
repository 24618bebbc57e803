{#
  One row per message id (a message delivered twice keeps its last delivery), with the customer_key of the sender's phone,
  the local calendar of the message in the configured time zone, and the flags METRICS.md
  defines: content message, inbound content, responder message (agent or bot content).
#}
{% set content_types = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template'] %}
SELECT
  message_id,
  source,
  phone_number_id,
  customer_key,
  direction,
  sender_kind,
  agent_id,
  type,
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
  ts_ms,
  {{ local_date('ts_ms') }} AS local_date,
  {{ local_hour('ts_ms') }} AS local_hour,
  {{ local_weekday('ts_ms') }} AS local_weekday,
  {{ week_start(local_date('ts_ms')) }} AS week_start,
  {{ flag("type IN (" ~ (content_types | lits) ~ ")") }} AS is_content,
  {{ flag("direction = 'inbound' AND type IN (" ~ (content_types | lits) ~ ")") }} AS is_inbound_content,
  {{ flag("direction = 'outbound' AND sender_kind IN ('agent', 'bot') AND type IN (" ~ (content_types | lits) ~ ")") }} AS is_responder,
  CASE WHEN direction = 'outbound' AND sender_kind = 'bot' THEN 'bot'
       WHEN direction = 'outbound' AND sender_kind = 'agent' THEN coalesce(agent_id, 'unknown_agent')
  END AS responder_id,
  {# Ordering rule of METRICS.md: ts_ms, then inbound before outbound, then message_id. #}
  {{ flag("direction <> 'inbound'") }} AS direction_order,
  source_file,
  source_line
FROM (
  {{ deduplicated(source('raw_messages'), 'message_id',
     'message_id, source, phone_number_id, customer_phone, direction, sender_kind, agent_id, type, text_norm, tokens, emojis, sentiment, interactive_id, template_name, template_category, template_language, context_message_id, referral_source_id, ts_ms, source_file, source_line, ingested_at_ms') }}
) messages
LEFT JOIN (SELECT phone AS customer_phone, customer_key FROM {{ ref('stg_identity') }}) identity USING (customer_phone)
