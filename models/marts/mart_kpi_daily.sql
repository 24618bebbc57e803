{# The daily KPIs the anomaly rules read, every local date of the data; each defined as in its own mart. #}
SELECT
  local_date,
  inbound_messages,
  turns,
  median_response_s,
  within_sla_rate,
  conversations,
  complaint_rate,
  handoff_rate,
  resolution_rate,
  outbound_messages,
  coalesce(failed_messages, 0) AS failed_messages,
  {{ safe_div('coalesce(failed_messages, 0)', 'outbound_messages') }} AS failure_rate,
  coalesce(orders, 0) AS orders,
  coalesce(paid_orders, 0) AS paid_orders,
  coalesce(revenue, 0) AS revenue
FROM (
  SELECT
    local_date, inbound_messages, turns, median_response_s, within_sla_rate, outbound_messages,
    conversations, complaint_rate, handoff_rate, resolution_rate
  FROM (
    SELECT local_date, inbound_messages, turns, median_response_s, within_sla_rate, outbound_messages
    FROM {{ ref('mart_service_daily') }}
  ) service
  LEFT JOIN (
    SELECT local_date, conversations, complaint_rate, handoff_rate, resolution_rate
    FROM {{ ref('mart_quality_daily') }}
  ) quality USING (local_date)
) service_quality
LEFT JOIN (
  SELECT local_date, sum(failed_messages) AS failed_messages, sum(orders) AS orders, sum(paid_orders) AS paid_orders, sum(revenue) AS revenue
  FROM (
    SELECT local_date, countIf(state = 'failed') AS failed_messages, 0 AS orders, 0 AS paid_orders, {{ to_float(0) }} AS revenue
    FROM {{ ref('int_outbound_messages') }}
    GROUP BY local_date
    UNION ALL
    SELECT created_date AS local_date, 0, count(*), 0, {{ to_float(0) }}
    FROM {{ ref('int_orders') }}
    GROUP BY created_date
    UNION ALL
    SELECT coalesce(paid_date, created_date) AS local_date, 0, 0, count(*), sum({{ to_float('total') }})
    FROM {{ ref('int_orders') }}
    WHERE is_paid = 1
    GROUP BY local_date
  ) measures
  GROUP BY local_date
) sales USING (local_date)
