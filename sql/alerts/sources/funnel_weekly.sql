-- The funnel by ISO week of first contact (mart_funnel): customers contacted, those who paid, and
-- the overall conversion between them.
SELECT
  week_start        AS period,
  contacted,
  paid,
  overall_conversion_rate
FROM mart_funnel
