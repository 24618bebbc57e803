SELECT count(*) AS failures FROM {{ model }} WHERE {{ column }} IS NULL
