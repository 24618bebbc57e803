{# Click-through of campaign messages with and without emoji (METRICS.md): rows has_emoji = 1 and 0. #}
SELECT
  has_emoji,
  coalesce(sent, 0) AS sent,
  coalesce(delivered, 0) AS delivered,
  coalesce(clicked, 0) AS clicked,
  {{ safe_div('coalesce(clicked, 0)', 'coalesce(delivered, 0)') }} AS ctr
FROM (SELECT {{ explode('[0, 1]') }} AS has_emoji) variants
LEFT JOIN (
  SELECT
    has_emoji,
    count(*) AS sent,
    countIf(state IN ('read', 'delivered')) AS delivered,
    countIf(clicked = 1) AS clicked
  FROM {{ ref('int_outbound_messages') }}
  WHERE sender_kind = 'campaign'
  GROUP BY has_emoji
) counted USING (has_emoji)
