{#
  Phone to customer. A phone with identity links takes its component's key phone from
  stg_identity_roots; every other phone is its own customer. The key is a hash of the key phone,
  and the country comes from the calling code, looked up by the phone's first four characters
  unless the code is shared by several countries (then stg_phone_countries has it per number).
#}
{# A phone without a root names itself (a missing match is NULL on DuckDB, the column default on ClickHouse). #}
{% set linked = 'coalesce(root_phones, 0) > 0' %}
SELECT
  phone,
  {{ customer_key('key_phone') }} AS customer_key,
  coalesce(prefix_country, number_country) AS country,
  first_seen_ms,
  key_phone_first_seen_ms,
  phones_in_customer
FROM (
  SELECT phone, key_phone, prefix_country, first_seen_ms, key_phone_first_seen_ms, phones_in_customer
  FROM (
    SELECT
      phone,
      CASE WHEN {{ linked }} THEN root_phone ELSE phone END AS key_phone,
      CASE WHEN {{ linked }} THEN root_first_seen_ms ELSE first_seen_ms END AS key_phone_first_seen_ms,
      CASE WHEN {{ linked }} THEN root_phones ELSE 1 END AS phones_in_customer,
      first_seen_ms,
      substring(phone, 1, 4) AS prefix
    FROM (SELECT phone, first_seen_ms FROM {{ ref('stg_phones') }}) phones
    LEFT JOIN (
      SELECT phone, key_phone AS root_phone, key_phone_first_seen_ms AS root_first_seen_ms, phones_in_customer AS root_phones
      FROM {{ ref('stg_identity_roots') }}
    ) roots USING (phone)
  ) keyed
  LEFT JOIN (SELECT prefix, country AS prefix_country FROM {{ ref('seed_calling_prefixes') }}) prefixes USING (prefix)
) located
LEFT JOIN (SELECT phone, country AS number_country FROM {{ ref('stg_phone_countries') }}) numbers USING (phone)
