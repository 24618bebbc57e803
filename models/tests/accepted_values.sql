SELECT count(*) AS failures FROM {{ model }} WHERE {{ column }} NOT IN ({{ values | lits }})
