{#
  Resolution time of resolved conversations: from the first inbound content message to the
  resolving message, which is the first resolution event when the conversation holds one, else
  its last message (a responder message). Left out: conversations without an inbound message or
  whose resolving message comes before the first inbound message. Also in business hours (the
  open time between the two instants, macro open_clock).
#}
SELECT
  conversation_id,
  conversation_date AS local_date,
  first_inbound_ms,
  resolve_ms,
  {{ seconds_between('first_inbound_ms', 'resolve_ms') }} AS resolution_s,
  {{ to_float('resolve_clock_ms - start_clock_ms') }} / 1000 AS business_resolution_s
FROM (
  SELECT conversation_id, conversation_date, first_inbound_ms, resolve_ms, start_clock_ms
  FROM {{ ref('int_resolution_instants') }} resolved
  INNER JOIN (
    {{ open_clock('SELECT conversation_id, first_inbound_ms AS ms, ' ~ local_date('first_inbound_ms') ~ ' AS local_date FROM ' ~ ref('int_resolution_instants'), 'conversation_id', 'start_clock_ms') }}
  ) start_clocks USING (conversation_id)
) started
INNER JOIN (
  {{ open_clock('SELECT conversation_id, resolve_ms AS ms, ' ~ local_date('resolve_ms') ~ ' AS local_date FROM ' ~ ref('int_resolution_instants'), 'conversation_id', 'resolve_clock_ms') }}
) resolve_clocks USING (conversation_id)
