-- A scratch database for the current landing definition (tables created qualified with it).
CREATE DATABASE {{ scratch }};
