{#
  Response-time distribution by local date of turn start × business number × clock: answered
  turns per bucket (0–1 min … > 24 h), elapsed and in business hours; all seven buckets of every
  date, number and clock with answered turns.
#}
{{ bucket_counts(
  'SELECT local_date, clock, coalesce(phone_number_id, \'unknown\') AS phone_number_id, response_bucket, business_response_bucket FROM ' ~ ref('int_service_turns') ~ ' WHERE answered = 1',
  'local_date, clock, phone_number_id') }}
