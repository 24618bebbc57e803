SELECT count(*) AS failures
FROM (
  SELECT {{ column }} FROM {{ model }} WHERE {{ column }} IS NOT NULL GROUP BY {{ column }} HAVING count(*) > 1
) duplicates
