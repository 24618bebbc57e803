-- ClickHouse's ceiling: the body of the HTTP request is the flattened NDJSON file.
INSERT INTO {table} FORMAT JSONEachRow;
