-- Read-only analyst access on ClickHouse releases with SQL access control (20.4 and later): the role
-- reads the analytics database, where the marts are published, and nothing else (no raw table, no
-- phone number). Grant it to people with: GRANT scrm_analyst TO alice.
CREATE ROLE IF NOT EXISTS {{ role }};
GRANT SELECT ON {{ analytics_database }}.* TO {{ role }};
