-- The server process running this session's queries (its CPU is read from /proc).
SELECT pg_backend_pid() AS pid;
