import { z } from 'zod';
import { defineStage, type Logger } from '../pipelines/stage.js';
import type { Alert } from './alert.js';
import { isDate } from './calendar.js';
import { runAlerts } from './run.js';

const options = z
  .object({
    /** The last local date judged; default: yesterday in the configured time zone. */
    date: z.string().refine(isDate, 'expected a date as YYYY-MM-DD').optional(),
    /** Judge the whole history (a demo or a backfill), not only the last lookback_days. */
    all: z.boolean().default(false),
  })
  .strict();

/** The `alerts` stage: judges the configured rules and stores the alerts not raised before. */
export const alertsStage = defineStage({
  name: 'alerts',
  description: 'judge the alert rules (config/alert-rules.yaml) and store new alerts in the warehouse',
  options,
  async run({ warehouse, config, log }, { date, all }) {
    const summary = await runAlerts(warehouse, config, { date, all });
    for (const skip of summary.skipped) log.warn(`skipped source ${skip.source}: ${skip.reason}`);
    logRaised(summary.raised, log);
    const { raised, ...rest } = summary;
    return { rowsIn: summary.found, rowsOut: raised.length, rowsRejected: 0, detail: { ...rest, raised: raised.map((a) => a.alert_id) } };
  },
});

/** A run that raises more than this lists counts per rule and only the latest alerts in full. */
const LISTED = 10;

function logRaised(raised: readonly Alert[], log: Logger): void {
  const latest = [...raised].sort((a, b) => (a.period_start < b.period_start ? 1 : a.period_start > b.period_start ? -1 : 0));
  if (raised.length > LISTED) {
    const perRule = new Map<string, number>();
    for (const alert of raised) {
      const rule = `${alert.rule_id} (${alert.severity})`;
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    }
    log.info(`${raised.length} new alerts: ${[...perRule].map(([rule, n]) => `${rule} ${n}`).join(', ')}; the latest ${LISTED}:`);
  }
  for (const alert of latest.slice(0, LISTED).reverse()) log.info(`[${alert.severity}] ${alert.message}`);
  if (raised.length > LISTED) log.info('every alert is in the table alerts (scrm query "select period_start, severity, message from alerts order by period_start desc")');
}
