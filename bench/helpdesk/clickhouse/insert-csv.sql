-- One landing CSV file as the body of the HTTP request.
INSERT INTO {table} FORMAT CSV;
