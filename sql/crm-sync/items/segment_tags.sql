-- Segment tags with the action the playbook attaches (mart_customer_segments.action:
-- send_discount_10 | low_priority_list | weekly_follow_up; 'none' is sent as no action).
SELECT customer_key, segment, nullif(action, 'none') AS suggested_action
FROM mart_customer_segments
