USE {{ database }};
DETACH DATABASE IF EXISTS {{ scratch }};
