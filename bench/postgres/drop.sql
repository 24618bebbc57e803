-- The baseline's tables leave the shared test database when the stage ends.
DROP SCHEMA IF EXISTS scrm_bench CASCADE;
