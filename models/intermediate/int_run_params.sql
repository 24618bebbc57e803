{#
  One row of run-wide parameters: the local date range of the data, the end of the data (the
  last message's ts_ms, which decides whether a conversation is closed), and as_of (config
  `as_of`, default the last local date in the data). No row when there are no messages.
#}
SELECT
  first_date,
  last_date,
  data_end_ms,
  {% if vars.as_of %}CAST({{ vars.as_of | lit }} AS Date){% else %}last_date{% endif %} AS as_of
FROM (
  SELECT count(*) AS messages, min(local_date) AS first_date, max(local_date) AS last_date, max(ts_ms) AS data_end_ms
  FROM {{ ref('stg_messages') }}
) data_range
WHERE messages > 0
