-- Overall conversion (contact → paid) by ISO week of first contact (mart_funnel).
SELECT
  week_start        AS period,
  overall_conversion AS conversion
FROM mart_funnel
