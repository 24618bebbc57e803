-- Raw event retention: events older than the cutoff leave the landing tables. Marts are separate
-- tables built by the models and are not touched here.
DELETE FROM raw_messages WHERE ts_ms < {cutoff_ms};
DELETE FROM raw_statuses WHERE ts_ms < {cutoff_ms};
DELETE FROM raw_clicks WHERE ts_ms < {cutoff_ms};
