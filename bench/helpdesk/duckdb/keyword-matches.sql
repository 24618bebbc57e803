-- bench/postgres/keyword-matches.sql in DuckDB: the same matches, with the tokens and their
-- positions unnested in the select list (in step, as Postgres's WITH ORDINALITY pairs them) rather
-- than by a lateral join, which DuckDB runs as a join back to each message (3 s of 4 at 1 M messages).
SET search_path TO scrm_bench;
CREATE VIEW keyword_matches AS
SELECT DISTINCT i.message_id, i.customer_key, i.ts_ms, i.local_date, k.keyword, k.category
FROM (SELECT *, unnest(tokens) AS token, generate_subscripts(tokens, 1) AS pos FROM inbound_messages) i
JOIN keywords k ON k.first_token = i.token
WHERE i.tokens[i.pos:i.pos + k.n_tokens - 1] = k.tokens;
