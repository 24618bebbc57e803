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
  SELECT message_id, customer_key, ts_ms, local_date, week_start, tokens, token, pos
  FROM {{ ref('stg_messages') }}
  ARRAY JOIN tokens AS token, arrayEnumerate(tokens) AS pos
  WHERE is_inbound_content = 1
) message_tokens
INNER JOIN (SELECT first_token AS token, keyword, category, tokens AS keyword_tokens, n_tokens FROM {{ ref('seed_keywords') }}) keywords
  USING (token)
WHERE arraySlice(tokens, pos, n_tokens) = keyword_tokens
