{#
  Each message's delivery state from the set of its statuses (METRICS.md Messaging engagement):
  read if any read status exists, else delivered, else failed, else sent. Late, repeated and
  out-of-order statuses do not matter: only which statuses exist (and their earliest times).
#}
SELECT
  message_id,
  customer_key,
  CASE WHEN read_ms IS NOT NULL THEN 'read'
       WHEN delivered_ms IS NOT NULL THEN 'delivered'
       WHEN failed_ms IS NOT NULL THEN 'failed'
       ELSE 'sent' END AS state,
  delivered_ms,
  read_ms,
  failed_ms,
  error_code,
  error_title
FROM (
  SELECT
    message_id,
    argMin(customer_key, ts_ms) AS customer_key,
    min(CASE WHEN status = 'delivered' THEN ts_ms END) AS delivered_ms,
    min(CASE WHEN status = 'read' THEN ts_ms END) AS read_ms,
    min(CASE WHEN status = 'failed' THEN ts_ms END) AS failed_ms,
    min(CASE WHEN status = 'failed' THEN error_code END) AS error_code,
    min(CASE WHEN status = 'failed' THEN error_title END) AS error_title
  FROM {{ ref('stg_statuses') }}
  GROUP BY message_id
) statuses
