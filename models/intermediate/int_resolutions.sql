{#
  Resolution time of resolved conversations: from the first inbound content message to the
  resolving message, which is the first resolution event when the conversation holds one, else
  its last message (a responder message). Left out: conversations without an inbound message or
  whose resolving message comes before the first inbound message. Also in business hours (the
  open time between the two instants, macro open_clock_at).
#}
SELECT
  conversation_id,
  conversation_date AS local_date,
  first_inbound_ms,
  resolve_ms,
  {{ seconds_between('first_inbound_ms', 'resolve_ms') }} AS resolution_s,
  {{ to_float(open_clock_at('resolve_ms', 'resolve') ~ ' - start_clock_ms') }} / 1000 AS business_resolution_s
FROM (
  SELECT
    conversation_id, conversation_date, first_inbound_ms, resolve_ms,
    {# first_inbound_ms is never NULL here, but ClickHouse types it Nullable, which its array sums refuse. #}
    {{ open_clock_at('coalesce(first_inbound_ms, 0)', 'start') }} AS start_clock_ms,
    {{ local_date('resolve_ms') }} AS resolve_date
  FROM (SELECT *, {{ local_date('first_inbound_ms') }} AS start_date FROM {{ ref('int_resolution_instants') }}) resolved
  INNER JOIN ({{ open_calendar('start_date', 'start') }}) start_calendar USING (start_date)
) started
INNER JOIN ({{ open_calendar('resolve_date', 'resolve') }}) resolve_calendar USING (resolve_date)
