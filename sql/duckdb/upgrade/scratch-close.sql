USE {{ database }};
DETACH {{ scratch }};
