{# Keys of raw_clicks delivered more than once: the rows staging deduplicates. #}
{{ duplicate_keys(source('raw_clicks'), 'click_id') }}
