-- Raw event retention on ClickHouse. 18.16 has no table TTL, so old rows leave through a DELETE
-- mutation (on every shard's local table in cluster mode); the caller waits until none is left.
-- Marts are separate tables built by the models and are not touched here.
ALTER TABLE {{ every_shard('raw_messages') }} DELETE WHERE ts_ms < {cutoff_ms};
ALTER TABLE {{ every_shard('raw_statuses') }} DELETE WHERE ts_ms < {cutoff_ms};
ALTER TABLE {{ every_shard('raw_clicks') }} DELETE WHERE ts_ms < {cutoff_ms};
