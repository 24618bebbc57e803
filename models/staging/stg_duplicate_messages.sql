{# Keys of raw_messages delivered more than once: the rows staging deduplicates. #}
{{ duplicate_keys(source('raw_messages'), 'message_id') }}
