{#
  Segments as of as_of (METRICS.md), precedence top-down: high_intent (more than 3 inbound
  product_inquiry messages in the 7 days up to as_of), lost (last inbound content message more
  than 60 days before as_of), potential (1–2 interactions in the 30 days up to as_of), active
  (3 or more), dormant. "The N days up to as_of" are the local dates as_of − (N − 1) … as_of.
#}
{{ customer_segments(ref('int_customer_activity'), 'SELECT as_of FROM ' ~ ref('int_run_params')) }}
