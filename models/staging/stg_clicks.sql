{# One row per click id (a click delivered twice keeps its last delivery). #}
SELECT click_id, token, message_id, url, ts_ms, user_agent
FROM (
  {{ deduplicated(source('raw_clicks'), 'click_id',
     'click_id, token, message_id, url, ts_ms, user_agent, ingested_at_ms, source_file, source_line') }}
) clicks
