{#
  Quality of service (METRICS.md) by local date of the conversation's first message: resolution
  rate over closed conversations, complaint and handoff rates over conversations started.
#}
SELECT
  local_date,
  coalesce(conversations, 0) AS conversations,
  coalesce(closed_conversations, 0) AS closed_conversations,
  coalesce(resolved_conversations, 0) AS resolved_conversations,
  {{ safe_div('resolved_conversations', 'closed_conversations') }} AS resolution_rate,
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
    countIf(has_complaint = 1) AS complaint_conversations,
    countIf(has_handoff = 1) AS handoff_conversations
  FROM {{ ref('int_conversations') }}
  GROUP BY local_date
) counted USING (local_date)
