-- DuckDB's ceiling: the flattened rows loaded by the engine alone, by column name, into the landing table.
INSERT INTO raw_messages BY NAME SELECT * FROM read_json({messages_file}, format = 'newline_delimited');
