{#
  Churn features (METRICS.md Churn) at the end of the local date as_of, for every customer with
  an inbound content message or an order on or before it. Only what was known by then is read:
  messages, orders, turns and read receipts dated after as_of never count, and the conversation
  that was still open at as_of is cut there. "The last N days" are the N local dates ending on
  as_of; "the last 4 weeks" are the last 28 days and "the 4 weeks before them" the 28 before.

  as_of is config `as_of` (set per cut-off by `scrm churn train`), else int_run_params.as_of.
  Rendered by src/churn/features-model.ts, not by the DAG: it is rebuilt once per cut-off.
#}
{% set params %}
{% if vars.as_of %}(SELECT CAST({{ vars.as_of | lit }} AS Date) AS as_of){% else %}(SELECT as_of FROM {{ ref('int_run_params') }}){% endif %}
{% endset %}

{# Inbound content messages up to as_of, per customer. #}
{% set inbound %}
SELECT
  customer_key,
  1 AS has_inbound,
  max(local_date) AS last_inbound_date,
  max(ts_ms) AS last_inbound_ms,
  sum(CASE WHEN local_date >= as_of - 6 THEN 1 ELSE 0 END) AS in_7d,
  sum(CASE WHEN local_date >= as_of - 29 THEN 1 ELSE 0 END) AS in_30d,
  sum(CASE WHEN local_date >= as_of - 89 THEN 1 ELSE 0 END) AS in_90d
FROM (SELECT customer_key, local_date, ts_ms FROM {{ ref('stg_messages') }} WHERE is_inbound_content = 1) messages
CROSS JOIN {{ params }} params
WHERE local_date <= as_of
GROUP BY customer_key
{% endset %}

{#
  Interactions (conversations holding an inbound content message) started in the last 4 weeks,
  in the 4 before and in the last 180 days (with the first and last of those dates), and the start
  of the conversation holding the last inbound message.
  Only the latest conversation started by as_of can run past it: it is an interaction at as_of
  when the customer's last inbound message up to as_of falls in it.
#}
{% set conversations %}
SELECT
  customer_key,
  1 AS has_conversations,
  sum(CASE WHEN local_date >= as_of - 27 THEN interaction ELSE 0 END) AS interactions_recent,
  sum(CASE WHEN local_date < as_of - 27 AND local_date >= as_of - 55 THEN interaction ELSE 0 END) AS interactions_prior,
  max(CASE WHEN start_ms <= last_inbound_ms THEN start_ms END) AS last_interaction_start_ms,
  max(last_inbound_ms) AS interaction_last_inbound_ms,
  sum(CASE WHEN local_date >= as_of - 179 THEN interaction ELSE 0 END) AS interactions_180d,
  min(CASE WHEN interaction = 1 AND local_date >= as_of - 179 THEN local_date END) AS first_interaction_date_180d,
  max(CASE WHEN interaction = 1 AND local_date >= as_of - 179 THEN local_date END) AS last_interaction_date_180d
FROM (
  SELECT
    customer_key, local_date, start_ms, last_inbound_ms, as_of,
    CASE WHEN start_ms < last_start_ms THEN is_interaction
         WHEN start_ms <= last_inbound_ms THEN 1
         ELSE 0 END AS interaction
  FROM (
    SELECT customer_key, local_date, start_ms, is_interaction, as_of, last_start_ms
    FROM (
      SELECT customer_key, local_date, start_ms, is_interaction, as_of
      FROM {{ ref('int_conversations') }}
      CROSS JOIN {{ params }} params
      WHERE local_date <= as_of
    ) started
    INNER JOIN (
      SELECT customer_key, max(start_ms) AS last_start_ms
      FROM {{ ref('int_conversations') }}
      CROSS JOIN {{ params }} params
      WHERE local_date <= as_of
      GROUP BY customer_key
    ) latest USING (customer_key)
  ) with_latest
  INNER JOIN (SELECT customer_key, last_inbound_ms FROM ({{ inbound }}) inbound_summary) last_inbound USING (customer_key)
) marked
GROUP BY customer_key
{% endset %}

{# Mean sentiment of the inbound messages of the last interaction, up to the last inbound message by as_of. #}
{% set sentiment %}
SELECT customer_key, 1 AS has_sentiment, avg(sentiment) AS sentiment_mean
FROM (SELECT customer_key, ts_ms, sentiment FROM {{ ref('stg_messages') }} WHERE is_inbound_content = 1 AND sentiment IS NOT NULL) messages
INNER JOIN (
  SELECT customer_key, last_interaction_start_ms, interaction_last_inbound_ms FROM ({{ conversations }}) conversation_summary
  WHERE last_interaction_start_ms IS NOT NULL
) last_interaction USING (customer_key)
WHERE ts_ms >= last_interaction_start_ms AND ts_ms <= interaction_last_inbound_ms
GROUP BY customer_key
{% endset %}

{# Orders created up to as_of. Their value at creation counts: the status kept in staging is the latest, which may postdate as_of. #}
{% set orders %}
SELECT
  customer_key,
  1 AS has_orders,
  max(created_date) AS last_order_date,
  sum(CASE WHEN created_date >= as_of - 89 THEN 1 ELSE 0 END) AS orders_in_90d,
  sum(CASE WHEN created_date >= as_of - 89 THEN total ELSE 0 END) AS order_value_90d
FROM (SELECT customer_key, created_date, total FROM {{ ref('int_orders') }} WHERE customer_key IS NOT NULL) orders
CROSS JOIN {{ params }} params
WHERE created_date <= as_of
GROUP BY customer_key
{% endset %}

{# Inbound messages matching category complaint in the last 30 days (a message matching two phrases counts once). #}
{% set complaints %}
SELECT customer_key, 1 AS has_complaints, count(DISTINCT message_id) AS complaint_messages
FROM (SELECT customer_key, message_id, local_date FROM {{ ref('int_keyword_matches') }} WHERE category = 'complaint') matches
CROSS JOIN {{ params }} params
WHERE local_date >= as_of - 29 AND local_date <= as_of
GROUP BY customer_key
{% endset %}

{#
  Whether the customer's latest turn started by as_of was still unanswered at the end of as_of: a
  reply that came later was not known then. Two turns cannot start at the same instant (a turn
  starts at an inbound message after a reply), so the latest is one turn.
#}
{% set last_turn %}
SELECT customer_key, 1 AS has_turns, max(unanswered) AS last_turn_open
FROM (
  SELECT customer_key, start_ms, last_start_ms, unanswered
  FROM (
    SELECT
      customer_key, start_ms,
      CASE WHEN answered = 1 AND {{ local_date('coalesce(reply_ms, 0)') }} <= as_of THEN 0 ELSE 1 END AS unanswered
    FROM (SELECT customer_key, start_ms, local_date, answered, reply_ms FROM {{ ref('int_turns') }}) turns
    CROSS JOIN {{ params }} params
    WHERE local_date <= as_of
  ) started
  INNER JOIN (
    SELECT customer_key, max(start_ms) AS last_start_ms
    FROM (SELECT customer_key, start_ms, local_date FROM {{ ref('int_turns') }}) turns
    CROSS JOIN {{ params }} params
    WHERE local_date <= as_of
    GROUP BY customer_key
  ) latest USING (customer_key)
) with_latest
WHERE start_ms = last_start_ms
GROUP BY customer_key
{% endset %}

{# Exact median response time of the customer's turns started in the last 30 days and answered by as_of. #}
{% set waits %}
SELECT customer_key, 1 AS has_waits, {{ median_of('response_time_stats') }} AS wait_median_s
FROM (
  SELECT customer_key, {{ order_stats('response_s') }} AS response_time_stats
  FROM (SELECT customer_key, local_date, reply_ms, response_s FROM {{ ref('int_turns') }} WHERE answered = 1) turns
  CROSS JOIN {{ params }} params
  WHERE local_date >= as_of - 29 AND local_date <= as_of AND {{ local_date('reply_ms') }} <= as_of
  GROUP BY customer_key
) answered_turns
{% endset %}

{# Campaign messages sent in the last 90 days, and those not read by as_of. #}
{% set campaigns %}
SELECT customer_key, 1 AS has_campaigns, count(*) AS campaign_messages, sum(unread) AS campaign_unread
FROM (
  SELECT
    customer_key,
    CASE WHEN read_ms IS NOT NULL AND read_ms > 0 AND {{ local_date('coalesce(read_ms, 0)') }} <= as_of THEN 0 ELSE 1 END AS unread
  FROM (
    SELECT message_id, customer_key, as_of
    FROM (SELECT message_id, customer_key, local_date FROM {{ ref('stg_messages') }} WHERE direction = 'outbound' AND sender_kind = 'campaign' AND is_content = 1) sent
    CROSS JOIN {{ params }} params
    WHERE local_date >= as_of - 89 AND local_date <= as_of
  ) campaign_sends
  LEFT JOIN (SELECT message_id, read_ms FROM {{ ref('int_message_states') }} WHERE read_ms IS NOT NULL) reads USING (message_id)
) campaign_states
GROUP BY customer_key
{% endset %}

{#
  One row per customer. ClickHouse fills unmatched LEFT JOIN columns with type defaults and DuckDB
  with NULL, so every part carries a has_* flag and its values count only when the flag is 1.
#}
SELECT
  customer_key,
  as_of,
  CASE WHEN coalesce(has_inbound, 0) = 1 THEN {{ to_float('as_of - last_inbound_date') }} END AS days_since_last_inbound,
  CASE WHEN coalesce(has_orders, 0) = 1 THEN {{ to_float('as_of - last_order_date') }} END AS days_since_last_order,
  {{ to_float('CASE WHEN coalesce(has_inbound, 0) = 1 THEN in_7d ELSE 0 END') }} AS inbound_7d,
  {{ to_float('CASE WHEN coalesce(has_inbound, 0) = 1 THEN in_30d ELSE 0 END') }} AS inbound_30d,
  {{ to_float('CASE WHEN coalesce(has_inbound, 0) = 1 THEN in_90d ELSE 0 END') }} AS inbound_90d,
  {{ to_float('recent') }} / 4 AS weekly_rate_recent,
  {{ to_float('prior') }} / 4 AS weekly_rate_prior,
  {# Smoothed by one interaction, so a customer new in the last 4 weeks has a finite ratio. #}
  ({{ to_float('recent') }} + 1) / ({{ to_float('prior') }} + 1) AS weekly_rate_ratio,
  {{ to_float('CASE WHEN coalesce(has_orders, 0) = 1 THEN orders_in_90d ELSE 0 END') }} AS orders_90d,
  {{ to_float('CASE WHEN coalesce(has_orders, 0) = 1 THEN order_value_90d ELSE 0 END') }} AS revenue_90d,
  CASE WHEN coalesce(has_sentiment, 0) = 1 THEN {{ to_float('sentiment_mean') }} END AS last_conversation_sentiment,
  {{ to_float('CASE WHEN coalesce(has_complaints, 0) = 1 THEN complaint_messages ELSE 0 END') }} AS complaints_30d,
  CASE WHEN coalesce(has_waits, 0) = 1 THEN wait_median_s END AS median_response_s_30d,
  CASE WHEN coalesce(has_campaigns, 0) = 1 THEN {{ to_float('campaign_unread') }} / campaign_messages END AS campaign_unread_share,
  CASE WHEN coalesce(has_turns, 0) = 1 THEN {{ to_float('last_turn_open') }} END AS last_turn_unanswered,
  {# The mean gap between the first and the last interaction of the last 180 days leaves out the open gap since the last one, which overdue_ratio measures. #}
  CASE WHEN interactions_in_180d >= 2 THEN {{ to_float('last_interaction_date_180d - first_interaction_date_180d') }} / (interactions_in_180d - 1) END AS interaction_gap_days,
  {# Days since the customer last wrote in typical gaps (a gap under a day counts as one); beyond five gaps another says nothing new. #}
  CASE WHEN interactions_in_180d >= 2 AND coalesce(has_inbound, 0) = 1
       THEN least({{ to_float('as_of - last_inbound_date') }} / greatest({{ to_float('last_interaction_date_180d - first_interaction_date_180d') }} / (interactions_in_180d - 1), 1), 5) END AS overdue_ratio,
  {{ to_float('CASE WHEN interactions_in_180d >= 2 THEN 0 ELSE 1 END') }} AS rhythm_unknown
FROM (
  SELECT *,
    CASE WHEN coalesce(has_conversations, 0) = 1 THEN interactions_recent ELSE 0 END AS recent,
    CASE WHEN coalesce(has_conversations, 0) = 1 THEN interactions_prior ELSE 0 END AS prior,
    CASE WHEN coalesce(has_conversations, 0) = 1 THEN interactions_180d ELSE 0 END AS interactions_in_180d
  FROM (
    SELECT * FROM (
      SELECT * FROM (
        SELECT * FROM (
          SELECT * FROM (
            SELECT * FROM (
              SELECT * FROM (
                SELECT * FROM (
                  SELECT * FROM (
                    SELECT customer_key, as_of
                    FROM (
                      SELECT DISTINCT customer_key
                      FROM (
                        SELECT customer_key FROM ({{ inbound }}) inbound_customers
                        UNION ALL
                        SELECT customer_key FROM ({{ orders }}) order_customers
                      ) active
                    ) customers
                    CROSS JOIN {{ params }} params
                  ) base
                  LEFT JOIN (SELECT customer_key, has_inbound, last_inbound_date, in_7d, in_30d, in_90d FROM ({{ inbound }}) i) inbound_part USING (customer_key)
                ) with_inbound
                LEFT JOIN (SELECT customer_key, has_orders, last_order_date, orders_in_90d, order_value_90d FROM ({{ orders }}) o) orders_part USING (customer_key)
              ) with_orders
              LEFT JOIN (SELECT customer_key, has_conversations, interactions_recent, interactions_prior, interactions_180d, first_interaction_date_180d, last_interaction_date_180d FROM ({{ conversations }}) c) conversations_part USING (customer_key)
            ) with_conversations
            LEFT JOIN ({{ sentiment }}) sentiment_part USING (customer_key)
          ) with_sentiment
          LEFT JOIN ({{ complaints }}) complaints_part USING (customer_key)
        ) with_complaints
        LEFT JOIN ({{ waits }}) waits_part USING (customer_key)
      ) with_waits
      LEFT JOIN ({{ campaigns }}) campaigns_part USING (customer_key)
    ) with_campaigns
    LEFT JOIN ({{ last_turn }}) last_turn_part USING (customer_key)
  ) joined
) features
