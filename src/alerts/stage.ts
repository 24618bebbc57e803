import { z } from 'zod';
import { defineStage } from '../pipelines/stage.js';
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
    for (const skip of summary.skipped) log.warn(`alerts: skipped source ${skip.source}: ${skip.reason}`);
    for (const alert of summary.raised) log.info(`[${alert.severity}] ${alert.message}`);
    const { raised, ...rest } = summary;
    return { rowsIn: summary.found, rowsOut: raised.length, rowsRejected: 0, detail: { ...rest, raised: raised.map((a) => a.alert_id) } };
  },
});
