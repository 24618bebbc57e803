-- Alerts raised since {since_ms}.
SELECT alert_id, rule_id, kind, severity, metric, dimension, dimension_kind, period_start, period_end, value, expected, message, raised_at_ms
FROM alerts
WHERE raised_at_ms >= {since_ms}
