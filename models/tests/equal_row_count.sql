SELECT CASE WHEN a.n = b.n THEN 0 ELSE 1 END AS failures
FROM (SELECT count(*) AS n, 1 AS k FROM {{ model }}) a
JOIN (SELECT count(*) AS n, 1 AS k FROM {{ other }}) b USING (k)
