{# Turns on the human clock: only agent messages answer (and split) turns; bot messages are left out like campaigns. #}
{% set replier = flag("is_responder = 1 AND sender_kind = 'agent'") %}
{% extends "intermediate/int_turns.duckdb.sql" %}
