{# mart_segments_weekly on ClickHouse (the definition is in mart_segments_weekly.base.njk): the measures in one pass over all days. #}
{% set split_measured_days = false %}
{% extends "marts/mart_segments_weekly.base.njk" %}
