-- Columns of the landing tables in a database: what `scrm init` compares with the
-- current definition (created in a scratch database) to add the columns an older warehouse lacks.
SELECT table AS table_name, name AS column_name, type AS data_type
FROM system.columns
WHERE database = {database}
ORDER BY table_name, column_name
