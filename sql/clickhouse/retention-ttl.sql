-- Releases with table TTL (19.6 and later) also expire old rows by themselves at merge time, so
-- retention holds between runs of the retention job. Applied on every run: a changed
-- retention_days takes effect.
ALTER TABLE {{ every_shard('raw_messages') }} MODIFY TTL ts + toIntervalDay({retention_days});
ALTER TABLE {{ every_shard('raw_statuses') }} MODIFY TTL ts + toIntervalDay({retention_days});
ALTER TABLE {{ every_shard('raw_clicks') }} MODIFY TTL ts + toIntervalDay({retention_days});
