{# int_keyword_matches on ClickHouse (the definition is in int_keyword_matches.base.njk): tokens expanded with ARRAY JOIN. #}
{% extends "intermediate/int_keyword_matches.base.njk" %}
{% block matches %}
  SELECT message_id, customer_key, ts_ms, local_date, week_start, keyword, category
  FROM (
    SELECT message_id, customer_key, ts_ms, local_date, week_start, tokens, token, pos
    FROM {{ message_tokens_from }} inbound
    ARRAY JOIN tokens AS token, arrayEnumerate(tokens) AS pos
  ) message_tokens
  INNER JOIN {{ keywords }} keywords USING (token)
  WHERE arraySlice(tokens, pos, n_tokens) = keyword_tokens
{% endblock %}
