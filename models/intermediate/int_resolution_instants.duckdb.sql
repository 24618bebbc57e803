{#
  The two instants of each resolved conversation's resolution time (int_resolutions): its first
  inbound content message and the resolving message, which is the first resolution event when the
  conversation holds one, else its last message (a responder message). Left out: conversations
  without an inbound message or whose resolving message comes before the first inbound message.
  The join of conversations to their messages is the costly part of int_resolutions. This is the
  DuckDB variant; int_resolution_instants.clickhouse.sql finds the same instants in arrays.
#}
SELECT conversation_id, local_date AS conversation_date, first_inbound_ms, resolve_ms
FROM (
  SELECT
    conversation_id,
    max(local_date) AS local_date,
    min(CASE WHEN is_inbound_content = 1 THEN ts_ms END) AS first_inbound_ms,
    coalesce(min(CASE WHEN is_resolution = 1 THEN ts_ms END), max(end_ms)) AS resolve_ms
  FROM (
    SELECT conversation_id, local_date, end_ms, ts_ms, is_inbound_content, is_resolution
    FROM (SELECT conversation_id, customer_key, local_date, start_ms, end_ms FROM {{ ref('int_conversations') }} WHERE resolved = 1) conversations
    INNER JOIN (
      SELECT customer_key, ts_ms, is_inbound_content, is_resolution
      FROM (
        SELECT customer_key, ts_ms, is_inbound_content, {{ flag('coalesce(interactive_id, \'\') IN (' ~ (vars.resolution_ids | lits) ~ ')') }} AS is_resolution
        FROM {{ ref('stg_messages') }}
        WHERE is_content = 1
      ) content
      {# Only the messages that can be a conversation's first inbound or its resolution event: a smaller join. #}
      WHERE is_inbound_content = 1 OR is_resolution = 1
    ) messages USING (customer_key)
    WHERE ts_ms >= start_ms AND ts_ms <= end_ms
  ) conversation_messages
  GROUP BY conversation_id
) timed
WHERE first_inbound_ms IS NOT NULL AND resolve_ms >= first_inbound_ms
