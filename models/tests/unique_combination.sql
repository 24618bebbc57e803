SELECT count(*) AS failures
FROM (
  SELECT {{ columns | join(', ') }} FROM {{ model }} GROUP BY {{ columns | join(', ') }} HAVING count(*) > 1
) duplicates
