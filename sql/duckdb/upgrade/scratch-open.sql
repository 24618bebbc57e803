-- A scratch catalog for the current landing definition; unqualified names land there until closed.
ATTACH ':memory:' AS {{ scratch }};
USE {{ scratch }};
