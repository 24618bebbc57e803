-- Adds a landing column an older warehouse lacks, to the table (every shard's local table and the
-- Distributed table over them in cluster mode). A timestamp partner of an *_ms column gets it as
-- its DEFAULT: parts written before the column existed compute it from the *_ms column when read,
-- so old rows read the same instant ingest writes for new ones, without rewriting any part.
ALTER TABLE {{ every_shard(table) }} ADD COLUMN {{ column }} {{ type }}{% if partner_ms %} DEFAULT toDateTime(intDiv({{ partner_ms }}, 1000), 'UTC'){% endif %};
{% if distributed_table %}
ALTER TABLE {{ distributed_table }} ADD COLUMN {{ column }} {{ type }}{% if partner_ms %} DEFAULT toDateTime(intDiv({{ partner_ms }}, 1000), 'UTC'){% endif %};
{% endif %}
