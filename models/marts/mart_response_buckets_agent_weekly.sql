{#
  Response-time distribution by ISO week of turn start × answering agent (bots as 'bot' on the
  bots_count clock) × clock: answered turns per bucket, elapsed and in business hours.
#}
SELECT week_start, {{ iso_week('week_start') }} AS iso_week, agent_id, clock, bucket_no, bucket, answered_turns, business_answered_turns
FROM (
  {{ bucket_counts(
    'SELECT week_start, clock, coalesce(responder_id, \'\') AS agent_id, response_bucket, business_response_bucket FROM ' ~ ref('int_service_turns') ~ ' WHERE answered = 1',
    'week_start, clock, agent_id') }}
) buckets
