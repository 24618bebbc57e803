-- The landed rows of the ingest bench as NDJSON, the input of DuckDB's own load ceiling.
COPY raw_messages TO {messages_file} (FORMAT json);
COPY raw_statuses TO {statuses_file} (FORMAT json);
