{#
  Quality of service (METRICS.md) by local date of the conversation's first message: resolution
  rate over closed conversations, complaint and handoff rates over conversations started.
  METRICS.md counts a campaign message nobody answered as a closed, unresolved conversation, so the
  resolution rate also comes over the conversations where the customer wrote, the figure a
  service team is judged on (docs/metrics.md).
#}
SELECT
  local_date,
  coalesce(conversations, 0) AS conversations,
  coalesce(closed_conversations, 0) AS closed_conversations,
  coalesce(resolved_conversations, 0) AS resolved_conversations,
  {{ safe_div('resolved_conversations', 'closed_conversations') }} AS resolution_rate,
  coalesce(customer_closed_conversations, 0) AS customer_closed_conversations,
  coalesce(customer_resolved_conversations, 0) AS customer_resolved_conversations,
  {{ safe_div('customer_resolved_conversations', 'customer_closed_conversations') }} AS customer_resolution_rate,
  coalesce(complaint_conversations, 0) AS complaint_conversations,
  {{ safe_div('complaint_conversations', 'conversations') }} AS complaint_rate,
  coalesce(handoff_conversations, 0) AS handoff_conversations,
  {{ safe_div('handoff_conversations', 'conversations') }} AS handoff_rate
FROM ({{ date_spine(ref('int_run_params')) }}) days
LEFT JOIN (
  SELECT
    local_date,
    count(*) AS conversations,
    countIf(closed = 1) AS closed_conversations,
    countIf(resolved = 1) AS resolved_conversations,
    countIf(closed = 1 AND inbound_messages > 0) AS customer_closed_conversations,
    countIf(resolved = 1 AND inbound_messages > 0) AS customer_resolved_conversations,
    countIf(has_complaint = 1) AS complaint_conversations,
    countIf(has_handoff = 1) AS handoff_conversations
  FROM {{ ref('int_conversations') }}
  GROUP BY local_date
) counted USING (local_date)
