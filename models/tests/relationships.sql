SELECT count(*) AS failures
FROM {{ model }}
WHERE {{ column }} IS NOT NULL AND {{ column }} NOT IN (SELECT {{ field }} FROM {{ to }})
