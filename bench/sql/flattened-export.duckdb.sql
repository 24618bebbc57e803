-- The messages the ingest bench landed (its webhook bodies carry messages only), as NDJSON: the
-- input of DuckDB's own load ceiling.
COPY raw_messages TO {messages_file} (FORMAT json);
