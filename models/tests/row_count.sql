SELECT CASE WHEN {% if min !== null %}n < {{ min | lit }}{% else %}1 = 0{% endif %} OR {% if max !== null %}n > {{ max | lit }}{% else %}1 = 0{% endif %} THEN 1 ELSE 0 END AS failures
FROM (SELECT count(*) AS n FROM {{ model }}) counted
