{# int_keyword_matches on DuckDB (the definition is in int_keyword_matches.base.njk). #}
{% extends "intermediate/int_keyword_matches.base.njk" %}
{% block matches %}
  SELECT message_id, customer_key, ts_ms, local_date, week_start, keyword, category
  FROM (
    SELECT message_id, customer_key, ts_ms, local_date, week_start, tokens, unnest(tokens) AS token, unnest(generate_series(1, length(tokens))) AS pos
    FROM {{ message_tokens_from }} inbound
  ) message_tokens
  JOIN {{ keywords }} keywords USING (token)
  WHERE list_slice(message_tokens.tokens, pos, pos + n_tokens - 1) = keyword_tokens
{% endblock %}
