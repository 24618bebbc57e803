{# mart_terms_weekly on DuckDB (the definition is in mart_terms_weekly.base.njk): ranked with row_number(). #}
{% extends "marts/mart_terms_weekly.base.njk" %}
{% block ranked %}
  SELECT
    week_start, term, messages, customers,
    CAST(row_number() OVER (PARTITION BY week_start ORDER BY messages DESC, customers DESC, term) AS INTEGER) AS rank
  FROM ({{ terms_by_week }}) by_term
  QUALIFY rank <= 200
{% endblock %}
