{# NaN fails too: a rate must be a number in range or NULL. #}
SELECT count(*) AS failures
FROM {{ model }}
WHERE {{ is_nan(column) }}
{% if min !== null %}  OR {{ column }} < {{ min | lit }}
{% endif %}
{% if max !== null %}  OR {{ column }} > {{ max | lit }}
{% endif %}
