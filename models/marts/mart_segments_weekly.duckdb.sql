{# mart_segments_weekly on DuckDB (the definition is in mart_segments_weekly.base.njk): the measures read only the days the weeks measure. #}
{% set split_measured_days = true %}
{% extends "marts/mart_segments_weekly.base.njk" %}
