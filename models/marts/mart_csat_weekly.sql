{#
  csat (METRICS.md): survey answers received each ISO week, i.e. inbound content messages whose
  interactive_id is config metrics.survey_prefix followed by a score 1–5; every week of the data.
#}
{% set prefix_length = vars.survey_prefix.length %}
SELECT
  week_start,
  {{ iso_week('week_start') }} AS iso_week,
  coalesce(responses, 0) AS responses,
  {{ safe_div('score_sum', 'responses') }} AS csat_mean,
  coalesce(score_1, 0) AS score_1,
  coalesce(score_2, 0) AS score_2,
  coalesce(score_3, 0) AS score_3,
  coalesce(score_4, 0) AS score_4,
  coalesce(score_5, 0) AS score_5
FROM ({{ week_spine(ref('int_run_params')) }}) weeks
LEFT JOIN (
  SELECT
    week_start,
    count(*) AS responses,
    sum(score) AS score_sum,
    countIf(score = 1) AS score_1,
    countIf(score = 2) AS score_2,
    countIf(score = 3) AS score_3,
    countIf(score = 4) AS score_4,
    countIf(score = 5) AS score_5
  FROM (
    SELECT week_start, CAST(substring(coalesce(interactive_id, ''), {{ prefix_length + 1 }}, 1) AS INTEGER) AS score
    FROM {{ ref('stg_messages') }}
    WHERE is_inbound_content = 1
      AND interactive_id IN ({% for score in [1, 2, 3, 4, 5] %}{{ (vars.survey_prefix ~ score) | lit }}{% if not loop.last %}, {% endif %}{% endfor %})
  ) answers
  GROUP BY week_start
) counted USING (week_start)
