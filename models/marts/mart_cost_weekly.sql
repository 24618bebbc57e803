{#
  Cost and benefit (METRICS.md) by ISO week, for every week of the data. Conversation cost: the
  priced billable conversations of int_billable_conversations, by the week they opened. Tool cost:
  costs.tool_monthly / days in the month, summed over the week's days inside the data's range.
#}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  'whatsapp' AS channel,
  {{ vars.currency | lit }} AS currency,
  coalesce(billable_conversations, 0) AS billable_conversations,
  coalesce(conversation_cost, 0) AS conversation_cost,
  coalesce(tool_cost, 0) AS tool_cost,
  coalesce(conversation_cost, 0) + coalesce(tool_cost, 0) AS cost,
  coalesce(outbound_messages, 0) AS outbound_messages,
  {{ safe_div('coalesce(conversation_cost, 0) + coalesce(tool_cost, 0)', 'coalesce(outbound_messages, 0)') }} AS cost_per_message,
  coalesce(new_customers, 0) AS new_customers,
  {{ safe_div('coalesce(conversation_cost, 0) + coalesce(tool_cost, 0)', 'coalesce(new_customers, 0)') }} AS cac,
  coalesce(paid_orders, 0) AS paid_orders,
  coalesce(revenue, 0) AS revenue
FROM ({{ week_spine(ref('int_run_params')) }}) weeks
LEFT JOIN (
  SELECT
    week_start,
    sum(billable_conversations) AS billable_conversations,
    sum(conversation_cost) AS conversation_cost,
    sum(tool_cost) AS tool_cost,
    sum(outbound_messages) AS outbound_messages,
    sum(new_customers) AS new_customers,
    sum(paid_orders) AS paid_orders,
    sum(revenue) AS revenue
  FROM (
    SELECT
      week_start, count(*) AS billable_conversations, sum(cost) AS conversation_cost,
      {{ to_float(0) }} AS tool_cost, 0 AS outbound_messages, 0 AS new_customers, 0 AS paid_orders, {{ to_float(0) }} AS revenue
    FROM {{ ref('int_billable_conversations') }}
    GROUP BY week_start
    UNION ALL
    SELECT {{ week_start('local_date') }} AS week_start, 0, {{ to_float(0) }}, sum({{ vars.tool_monthly | lit }} / {{ days_in_month('local_date') }}), 0, 0, 0, {{ to_float(0) }}
    FROM ({{ date_spine(ref('int_run_params')) }}) days
    GROUP BY {{ week_start('local_date') }}
    UNION ALL
    SELECT week_start, 0, {{ to_float(0) }}, {{ to_float(0) }}, count(*), 0, 0, {{ to_float(0) }}
    FROM {{ ref('int_outbound_messages') }}
    GROUP BY week_start
    UNION ALL
    SELECT {{ week_start(local_date('first_paid_ms')) }} AS week_start, 0, {{ to_float(0) }}, {{ to_float(0) }}, 0, count(*), 0, {{ to_float(0) }}
    FROM (SELECT customer_key, min(coalesce(paid_ms, created_at_ms)) AS first_paid_ms FROM {{ ref('int_orders') }} WHERE is_paid = 1 GROUP BY customer_key) first_payments
    GROUP BY {{ week_start(local_date('first_paid_ms')) }}
    UNION ALL
    {# coalesce: paid_week is never NULL here, but the join key must not be a nullable type. #}
    SELECT coalesce(paid_week, created_week) AS week_start, 0, {{ to_float(0) }}, {{ to_float(0) }}, 0, 0, count(*), sum({{ to_float('total') }})
    FROM {{ ref('int_orders') }}
    WHERE is_paid = 1
    GROUP BY week_start
  ) measures
  GROUP BY week_start
) weekly USING (week_start)
