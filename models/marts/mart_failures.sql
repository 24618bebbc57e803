{# Failed messages (state failed) by local date of the failure × error code and title. #}
SELECT
  local_date,
  error_code,
  error_title,
  count(*) AS failed
FROM (
  SELECT {{ local_date('failed_ms') }} AS local_date, error_code, error_title
  FROM {{ ref('int_message_states') }}
  WHERE state = 'failed'
) failures
GROUP BY local_date, error_code, error_title
