{# Keys of raw_statuses delivered more than once: the rows staging deduplicates. #}
{{ duplicate_keys(source('raw_statuses'), 'message_id, status') }}
