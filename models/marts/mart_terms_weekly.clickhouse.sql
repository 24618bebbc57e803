{#
  mart_terms_weekly on ClickHouse (the definition is in mart_terms_weekly.base.njk): without
  window functions, each week's terms are ranked by sorting them as one array.
#}
{% extends "marts/mart_terms_weekly.base.njk" %}
{% block ranked %}
  SELECT week_start, toInt32(position) AS rank, entry.1 AS term, entry.2 AS messages, entry.3 AS customers
  FROM (
    SELECT
      week_start,
      arraySlice(arraySort(x -> (-toInt64(x.2), -toInt64(x.3), x.1), groupArray((term, messages, customers))), 1, 200) AS top
    FROM ({{ terms_by_week }}) by_term
    GROUP BY week_start
  ) weeks
  ARRAY JOIN top AS entry, arrayEnumerate(top) AS position
{% endblock %}
