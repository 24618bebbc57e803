-- Columns of the landing tables in a catalog: what `scrm init` compares with the current
-- definition (created in a scratch catalog) to add the columns an older warehouse lacks.
SELECT table_name, column_name, data_type, is_nullable
FROM duckdb_columns()
WHERE database_name = {database} AND schema_name = 'main'
ORDER BY table_name, column_index
