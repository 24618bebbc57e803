{% for table in tables %}
DROP TABLE IF EXISTS {{ database }}.{{ scratch }}__{{ table }};
{% endfor %}
