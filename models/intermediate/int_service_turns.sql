{#
  Turns on both clocks side by side (clock 'bots_count': agent and bot replies answer, as
  METRICS.md defines; clock 'human_only': only agent replies do), with the business number the
  turn came in on, the answering agent's team, and the response time in business hours: the
  open time between turn start and reply (macro open_clock_at): each turn joins the opening hours
  of its start and reply dates, a small table, where grouping the turns by id to find their clocks
  and joining those back cost several string-keyed passes over all turns.
#}
{% set clocks = [['bots_count', 'int_turns'], ['human_only', 'int_turns_human']] %}
SELECT
  clock,
  turn_id,
  customer_key,
  phone_number_id,
  start_ms,
  local_date,
  week_start,
  answered,
  reply_ms,
  responder_id,
  CASE WHEN coalesce(in_team, 0) = 1 THEN team END AS team,
  response_s,
  business_response_s,
  {{ to_int(response_bucket('response_s')) }} AS response_bucket,
  {{ to_int(response_bucket('business_response_s')) }} AS business_response_bucket
FROM (
  SELECT *, coalesce(responder_id, '') AS team_key
  FROM (
    {% for clock, turns in clocks %}
    {% if not loop.first %}UNION ALL{% endif %}
    SELECT
      {{ clock | lit }} AS clock,
      turn_id, customer_key, phone_number_id, start_ms, local_date, week_start, answered, reply_ms, responder_id, response_s,
      CASE WHEN answered = 1 THEN {{ to_float(open_clock_at('coalesce(reply_ms, start_ms)', 'reply') ~ ' - start_clock_ms') }} / 1000 END AS business_response_s
    FROM (
      SELECT
        turn_id, customer_key, phone_number_id, start_ms, local_date, week_start, answered, reply_ms, responder_id, response_s,
        {{ open_clock_at('start_ms', 'start') }} AS start_clock_ms,
        {{ local_date('coalesce(reply_ms, start_ms)') }} AS reply_date
      FROM {{ ref(turns) }}
      INNER JOIN ({{ open_calendar('local_date', 'start') }}) start_calendar USING (local_date)
    ) started
    LEFT JOIN ({{ open_calendar('reply_date', 'reply') }}) reply_calendar USING (reply_date)
    {% endfor %}
  ) clocked
) numbered
LEFT JOIN (SELECT agent_id AS team_key, team, 1 AS in_team FROM {{ ref('seed_teams') }}) teams USING (team_key)
