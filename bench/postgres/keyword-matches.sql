SET search_path TO scrm_bench;
-- A message matches a phrase when the phrase's tokens appear consecutively in its tokens (once per message).
CREATE VIEW keyword_matches AS
SELECT DISTINCT i.message_id, i.customer_key, i.ts_ms, i.local_date, k.keyword, k.category
FROM inbound_messages i
CROSS JOIN LATERAL unnest(i.tokens) WITH ORDINALITY AS t(token, pos)
JOIN keywords k ON k.first_token = t.token
WHERE i.tokens[t.pos:t.pos + k.n_tokens - 1] = k.tokens;
