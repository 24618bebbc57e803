{# One row per click id (the first delivery wins). #}
SELECT click_id, token, message_id, url, ts_ms, ts, user_agent
FROM (
  {{ deduplicated(source('raw_clicks'), 'click_id', 'ingested_at_ms, source_file, source_line',
     'click_id, token, message_id, url, ts_ms, ts, user_agent, ingested_at_ms, source_file, source_line') }}
) clicks
