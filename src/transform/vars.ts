import type { Config } from '../config/schema.js';
import type { TemplateVars } from './template.js';

/** The config values models read as `vars.<name>` (durations in seconds). */
export function templateVars(config: Config): TemplateVars {
  return {
    timezone: config.timezone,
    sla_seconds: config.sla_seconds,
    session_gap_s: config.session_gap,
    conversion_window_s: config.conversion_window,
    as_of: config.as_of ?? null,
    resolution_ids: config.metrics.resolution_ids,
    survey_prefix: config.metrics.survey_prefix,
    paid_statuses: config.metrics.paid_statuses,
    tool_monthly: config.costs.tool_monthly,
    currency: config.costs.currency,
    cluster: config.clickhouse.cluster ?? null,
  };
}
