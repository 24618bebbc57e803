import { z } from 'zod';
import { alertsConfigSchema } from '../alerts/config.js';
import { crmConfigSchema } from '../crm-sync/config.js';
import { duration } from './duration.js';

const timezone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as "Asia/Hong_Kong"' },
);

const region = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as "HK"');

export const configSchema = z
  .object({
    engine: z.enum(['duckdb', 'clickhouse']).default('duckdb'),
    timezone: timezone.default('Asia/Hong_Kong'),
    default_region: region.default('HK'),
    sla_seconds: z.number().int().positive().default(180),
    session_gap: duration.default(86400),
    conversion_window: duration.default(14 * 86400),
    keywords: z.string().default('config/keywords.json'),
    business: z
      .object({
        /** Sender names that mark the business side in chat exports. */
        sender_names: z.array(z.string()).default([]),
      })
      .strict()
      .default({ sender_names: [] }),
    duckdb: z
      .object({
        path: z.string().default('data/warehouse.duckdb'),
        threads: z.number().int().positive().optional(),
      })
      .strict()
      .default({ path: 'data/warehouse.duckdb' }),
    clickhouse: z
      .object({
        url: z.string().url().default('http://127.0.0.1:8123'),
        user: z.string().default('default'),
        /** Prefer SCRM_CLICKHOUSE_PASSWORD: secrets do not belong in files. */
        password: z.string().default(''),
        database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain database name').default('default'),
      })
      .strict()
      .default({ url: 'http://127.0.0.1:8123', user: 'default', password: '', database: 'default' }),
    alerts: alertsConfigSchema.prefault({}),
    crm: crmConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
