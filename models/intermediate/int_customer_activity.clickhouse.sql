{#
  int_customer_activity on ClickHouse (the definition is in int_customer_activity.base.njk): the
  sources' rows, each padded with zeros for the other measures, stacked and summed per customer
  and date (ClickHouse 18.16 takes one JOIN per SELECT, and a full join fills missing keys with
  defaults).
#}
{% extends "intermediate/int_customer_activity.base.njk" %}
{% block combined %}
SELECT customer_key, local_date{% for m in measures %}, sum({{ m }}) AS {{ m }}{% endfor %} FROM (
  {%- for source in sources %}
  SELECT customer_key, local_date{% for m in measures %}, {{ m if m in source[1] else (to_float(0) if m == 'revenue_paid' else '0') }} AS {{ m }}{% endfor %} FROM ({{ source[0] }}) by_day
  {{- ' UNION ALL' if not loop.last }}
  {%- endfor %}
) activity
GROUP BY customer_key, local_date
{% endblock %}
