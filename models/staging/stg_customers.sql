{# The latest version of each CRM record, by the same rule as stg_orders. #}
SELECT
  crm_id,
  source,
  coalesce(
    nullif(full_name, ''),
    CASE WHEN coalesce(first_name, '') <> '' AND coalesce(last_name, '') <> '' THEN concat(coalesce(first_name, ''), ' ', coalesce(last_name, ''))
         ELSE nullif(concat(coalesce(first_name, ''), coalesce(last_name, '')), '') END
  ) AS full_name,
  phones,
  email,
  tier,
  country,
  tags,
  updated_at_ms,
  row_hash
FROM {{ source('raw_customers') }}
{{ first_by('crm_id', 'updated_at_ms DESC, row_hash DESC, ingested_at_ms DESC, source_file DESC, source_line DESC') }}
