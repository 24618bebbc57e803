{#
  Churn labels (METRICS.md Churn) for the customers of churn_features at its as_of: churned = no
  inbound content message and no order in the horizon_days local dates after as_of. Only
  meaningful when the data runs to the end of that horizon: horizon_complete says whether it does.
  Rendered by src/churn/features-model.ts right after churn_features, with the same as_of.
#}
SELECT
  customer_key,
  as_of,
  {{ flag('coalesce(active_after, 0) = 0') }} AS churned,
  {{ flag('as_of + ' ~ churn.horizon_days ~ ' <= last_date') }} AS horizon_complete
FROM (
  SELECT * FROM (
    SELECT customer_key, as_of, last_date
    FROM (SELECT customer_key, as_of FROM {{ ref('churn_features') }}) customers
    CROSS JOIN (SELECT last_date FROM {{ ref('int_run_params') }}) params
  ) base
  LEFT JOIN (
    SELECT DISTINCT customer_key, 1 AS active_after
    FROM (
      SELECT customer_key, local_date AS activity_date FROM {{ ref('stg_messages') }} WHERE is_inbound_content = 1
      UNION ALL
      SELECT customer_key, created_date AS activity_date FROM {{ ref('int_orders') }} WHERE customer_key IS NOT NULL
    ) activity
    CROSS JOIN (SELECT max(as_of) AS as_of FROM {{ ref('churn_features') }}) features_as_of
    WHERE activity_date > as_of AND activity_date <= as_of + {{ churn.horizon_days }}
  ) later USING (customer_key)
) labelled
