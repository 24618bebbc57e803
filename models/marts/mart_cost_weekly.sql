{#
  Cost and benefit (METRICS.md) by ISO week, for every week of the data. Conversation cost: each
  distinct billable conversation (statuses with pricing.billable), dated by its first status,
  priced by its category and the recipient's country (a country without its own rate for the
  category falls back to the default rates; a category without any rate costs 0). Tool cost:
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
FROM (SELECT DISTINCT {{ week_start('local_date') }} AS week_start FROM ({{ date_spine(ref('int_run_params')) }}) days) weeks
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
      week_start, count(*) AS billable_conversations, sum(rate) AS conversation_cost,
      {{ to_float(0) }} AS tool_cost, 0 AS outbound_messages, 0 AS new_customers, 0 AS paid_orders, {{ to_float(0) }} AS revenue
    FROM (
      SELECT
        {{ week_start(local_date('first_ms')) }} AS week_start,
        CASE WHEN coalesce(has_country_rate, 0) = 1 THEN country_rate ELSE coalesce(default_rate, 0) END AS rate
      FROM (
        SELECT conversation_id, first_ms, rate_country, category, country_rate, has_country_rate
        FROM (
          SELECT
            conversation_id,
            min(ts_ms) AS first_ms,
            coalesce(argMin(country, ts_ms), '') AS rate_country,
            coalesce(argMin(coalesce(pricing_category, conversation_category), ts_ms), '') AS category
          FROM {{ ref('stg_statuses') }}
          WHERE conversation_id IS NOT NULL AND pricing_billable = 1
          GROUP BY conversation_id
        ) conversations
        LEFT JOIN (
          SELECT country AS rate_country, category, rate AS country_rate, 1 AS has_country_rate
          FROM {{ ref('seed_conversation_rates') }} WHERE country <> '*'
        ) country_rates USING (rate_country, category)
      ) priced_by_country
      LEFT JOIN (
        SELECT category, rate AS default_rate FROM {{ ref('seed_conversation_rates') }} WHERE country = '*'
      ) default_rates USING (category)
    ) billable
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
