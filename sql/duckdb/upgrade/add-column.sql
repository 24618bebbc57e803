-- Adds a landing column an older warehouse lacks. DuckDB cannot add a column with a constraint, nor
-- a default computed from another column: a timestamp partner of an *_ms column is filled from it
-- (the instant ingest writes there), and NOT NULL is set once every row has a value.
ALTER TABLE {{ every_shard(table) }} ADD COLUMN {{ column }} {{ type }};
{% if partner_ms %}
UPDATE {{ table }} SET {{ column }} = make_timestamp({{ partner_ms }} * 1000) WHERE {{ partner_ms }} IS NOT NULL;
{% endif %}
{% if not_null %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} SET NOT NULL;
{% endif %}
