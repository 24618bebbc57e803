{# Messaging engagement (METRICS.md): campaign messages by local date sent × template. #}
SELECT
  local_date,
  template AS template_name,
  sent,
  delivered,
  read,
  failed,
  clicked,
  {{ safe_div('delivered', 'sent') }} AS delivery_rate,
  {{ safe_div('read', 'delivered') }} AS read_rate,
  {{ safe_div('clicked', 'delivered') }} AS ctr,
  {{ safe_div('failed', 'sent') }} AS failure_rate,
  {{ median_of('read_latency_stats') }} AS median_read_latency_s
FROM (
  SELECT
    local_date,
    template,
    count(*) AS sent,
    countIf(state IN ('read', 'delivered')) AS delivered,
    countIf(state = 'read') AS read,
    countIf(state = 'failed') AS failed,
    countIf(clicked = 1) AS clicked,
    {{ order_stats('read_latency_s') }} AS read_latency_stats
  FROM (
    SELECT local_date, coalesce(template_name, '(none)') AS template, state, clicked, read_latency_s
    FROM {{ ref('int_outbound_messages') }}
    WHERE sender_kind = 'campaign'
  ) campaign_messages
  GROUP BY local_date, template
) days
