{# Rows where the expression is false; NULL counts as passing, like a SQL CHECK constraint. #}
SELECT count(*) AS failures FROM {{ model }} WHERE NOT ({{ expression }})
