-- The landed rows of one landing table as NDJSON, the input of ClickHouse's own load ceiling.
SELECT * FROM {table} FORMAT JSONEachRow;
