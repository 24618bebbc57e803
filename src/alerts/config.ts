import { z } from 'zod';

/** The `alerts` key of the scrm config. */
export const alertsConfigSchema = z
  .object({
    /** The rules file: sources (SQL series) and rules. */
    rules: z.string().default('config/alert-rules.yaml'),
    /** A run judges the periods that became final in the last N days up to the evaluation date. */
    lookback_days: z.number().int().positive().default(7),
  })
  .strict();

export type AlertsConfig = z.infer<typeof alertsConfigSchema>;
