{#
  Inbound content messages × keywords they match: a message matches a phrase when the phrase's
  tokens appear consecutively in the message's tokens. Candidates are found by joining each
  message token to the phrases starting with it; the slice from there must equal the phrase.
  A phrase found twice in one message counts once.
#}
SELECT DISTINCT
  message_id,
  customer_key,
  ts_ms,
  local_date,
  week_start,
  keyword,
  category
FROM (
  SELECT
    message_id, customer_key, ts_ms, local_date, week_start, tokens,
    unnest(tokens) AS token,
    unnest(generate_series(1, length(tokens))) AS pos
  FROM {{ ref('stg_messages') }}
  WHERE is_inbound_content = 1 AND length(tokens) > 0
) message_tokens
JOIN (SELECT first_token, keyword, category, tokens AS keyword_tokens, n_tokens FROM {{ ref('seed_keywords') }}) keywords
  ON keywords.first_token = message_tokens.token
WHERE list_slice(message_tokens.tokens, pos, pos + n_tokens - 1) = keyword_tokens
