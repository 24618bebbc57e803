{#
  Opening hours as instants: for every local date of the data that is not a holiday, each of its
  weekday's configured intervals (seed_opening_hours, seconds after local midnight) as UTC epoch
  ms. An interval never leaves its local date, so a date's intervals cover only that date.
  A wall time (epoch ms "as if UTC") becomes an instant by subtracting the offset in force at the
  instant first guessed with the wall time's own offset: exact away from DST changes; a wall time
  the clock skips or repeats gets one of its candidate instants.
#}
SELECT
  local_date,
  open_local - {{ tz_offset_ms('open_guess') }} AS open_ms,
  close_local - {{ tz_offset_ms('close_guess') }} AS close_ms
FROM (
  SELECT
    local_date,
    open_local,
    close_local,
    open_local - {{ tz_offset_ms('open_local') }} AS open_guess,
    close_local - {{ tz_offset_ms('close_local') }} AS close_guess
  FROM (
    SELECT local_date, day_ms + open_s * 1000 AS open_local, day_ms + close_s * 1000 AS close_local
    FROM (
      SELECT local_date, {{ date_weekday('local_date') }} AS weekday, {{ day_number('local_date') }} * 86400000 AS day_ms
      FROM ({{ date_spine(ref('int_run_params')) }}) days
      WHERE local_date NOT IN (SELECT CAST(holiday AS Date) FROM {{ ref('seed_holidays') }})
    ) open_days
    INNER JOIN (SELECT weekday, open_s, close_s FROM {{ ref('seed_opening_hours') }}) hours USING (weekday)
  ) wall_times
) guessed
