import { z } from 'zod';
import { alertsConfigSchema } from '../alerts/config.js';
import { crmConfigSchema } from '../crm-sync/config.js';
import { duration } from './duration.js';
import { serviceSettings } from './service-hours.js';

export const timezone = z.string().refine(
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

/** DejaVu (Debian's fonts-dejavu-core) for Latin text, then common CJK fonts for Chinese keywords. */
const DEFAULT_CHART_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
];

const region = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as "HK"');

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a local date like "2026-11-30"');

/** Price per billable conversation, by conversation category (marketing, utility, authentication, service, …). */
const categoryRates = z.record(z.string(), z.number().nonnegative());

const DEFAULT_CATEGORY_RATES = { marketing: 0.0732, utility: 0.0213, authentication: 0.0213, service: 0 };

const metricsSettings = z
  .object({
    /** interactive_id values of a content message that mark its conversation as resolved. */
    resolution_ids: z.array(z.string().min(1)).default(['resolved']),
    /** A survey answer is an inbound interactive reply whose id is this prefix plus 1–5 (csat_5). */
    survey_prefix: z.string().min(1).default('csat_'),
    /** Latest order statuses that count as paid. */
    paid_statuses: z.array(z.string().min(1)).default(['paid', 'fulfilled', 'shipped', 'delivered', 'completed']),
  })
  .strict();

const costSettings = z
  .object({
    currency: z.string().default('USD'),
    /** Fixed monthly cost of the messaging tool, prorated by day. */
    tool_monthly: z.number().nonnegative().default(0),
    /** Rates for any country not listed under `countries`. */
    default_rates: categoryRates.default(DEFAULT_CATEGORY_RATES),
    /** Rates by recipient country (ISO code), overriding `default_rates` category by category. */
    countries: z.record(region, categoryRates).default({}),
  })
  .strict();

export const configSchema = z
  .object({
    engine: z.enum(['duckdb', 'clickhouse']).default('duckdb'),
    timezone: timezone.default('Asia/Hong_Kong'),
    default_region: region.default('HK'),
    sla_seconds: z.number().int().positive().default(180),
    session_gap: duration.default(86400),
    conversion_window: duration.default(14 * 86400),
    keywords: z.string().default('config/keywords.json'),
    stopwords: z.string().default('config/stopwords.json'),
    /** The local date segments and windows are computed at; default: the last local date in the data. */
    as_of: localDate.optional(),
    metrics: metricsSettings.prefault({}),
    costs: costSettings.prefault({}),
    /** Opening hours, holidays and teams of the service metrics (docs/metrics.md, Business hours). */
    service: serviceSettings.prefault({}),
    /** Raw events are kept at least this long; the business requires at least 180 days. */
    retention_days: z.number().int().min(180, 'raw messages must be kept at least 180 days').default(400),
    business: z
      .object({
        /** Sender names that mark the business side in chat exports. */
        sender_names: z.array(z.string()).default([]),
      })
      .strict()
      .default({ sender_names: [] }),
    serve: z
      .object({
        /** Loopback by default: put a TLS-terminating proxy in front to take webhooks from the internet. */
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** The callback path registered with Meta for the webhook (GET handshake, POST deliveries). */
        webhook_path: z.string().regex(/^\/[^\s?#]*$/, 'expected a path such as "/webhook"').default('/webhook'),
        /** Accepted webhook bodies and link clicks are appended here, one NDJSON file per UTC day. */
        landing_dir: z.string().default('data/landing'),
        /** Landing logs of closed days, gzip-compressed once fully loaded (`scrm archive-landing`); kept for retention_days. */
        archive_dir: z.string().default('data/landing-archive'),
        /** Tracked links: token → target URL and message id (see docs/serve.md). */
        links_file: z.string().default('data/links.json'),
        max_body_bytes: z.number().int().positive().default(4 * 1024 * 1024),
      })
      .strict()
      .default({
        host: '127.0.0.1',
        port: 8080,
        webhook_path: '/webhook',
        landing_dir: 'data/landing',
        archive_dir: 'data/landing-archive',
        links_file: 'data/links.json',
        max_body_bytes: 4 * 1024 * 1024,
      }),
    ingest: z
      .object({
        /** A record (line, CSV row, JSON file) longer than this is rejected, never held in memory whole. */
        max_record_bytes: z.number().int().positive().default(4 * 1024 * 1024),
        /** Parse worker threads for line sources (webhooks, send log, clicks); 0 parses in the main thread. */
        workers: z.number().int().min(0).max(16).default(2),
      })
      .strict()
      .default({ max_record_bytes: 4 * 1024 * 1024, workers: 2 }),
    churn: z
      .object({
        /** Where trained model artifacts and their model cards are written. */
        model_dir: z.string().default('data/models'),
        /** L2 penalty on the standardized coefficients (0 = none). */
        l2: z.number().min(0).default(1),
        /** `balanced` weighs churners and stayers equally in the fit; the intercept is then corrected back to the real churn rate. */
        class_weight: z.enum(['balanced', 'none']).default('balanced'),
        /** Customers scored at a cut-off: those with an inbound content message or an order in this many days up to it. */
        active_days: z.number().int().positive().default(60),
        /** Training cut-offs: this many, this many days apart, all ending at least the label horizon before the evaluation cut-off. */
        training_cutoffs: z.number().int().positive().default(6),
        cutoff_step_days: z.number().int().positive().default(14),
        /** Evaluate at this local date instead of the latest one with a full label horizon (a backtest). */
        evaluation_cutoff: localDate.optional(),
        bands: z
          .object({ high: z.number().gt(0).lt(1).default(0.6), medium: z.number().gt(0).lt(1).default(0.3) })
          .strict()
          .refine((bands) => bands.medium < bands.high, { message: 'bands.medium must be below bands.high' })
          .prefault({}),
        /** ISO weeks of scoring runs kept in churn_scores_weekly (one run a week, for week-against-week reports and score history). */
        weekly_history_weeks: z.number().int().min(2).default(53),
        /** Discount offered to recovery candidates (the playbook's rule). */
        recovery_discount_percent: z.number().int().min(1).max(100).default(15),
      })
      .strict()
      .prefault({}),
    reports: z
      .object({
        /** A folder of report definitions, queries and chart specs; default: the project's `reports/`. */
        definitions: z.string().optional(),
        /** Each week's files go to `<out_dir>/<ISO week>/`. */
        out_dir: z.string().default('data/reports'),
        /** A week-over-week change beyond ±this fraction is flagged as outside the normal range. */
        normal_range: z.number().positive().max(10).default(0.15),
        /** Font files for chart PNGs; the ones that exist are loaded. */
        fonts: z.array(z.string()).default(DEFAULT_CHART_FONTS),
      })
      .strict()
      .prefault({}),
    duckdb: z
      .object({
        path: z.string().default('data/warehouse.duckdb'),
        threads: z.number().int().positive().optional(),
        /**
         * DuckDB's memory_limit (e.g. '1.5GB') for machines shared with other work: beyond it large
         * joins and aggregations spill to a temporary folder beside the database file. Unset, DuckDB
         * takes up to 80 % of RAM (the model DAG peaked at 4.5 GB at 10 M messages). Not the default:
         * some aggregations cannot spill, and at 10 M messages 1 GB was too little for them.
         */
        memory_limit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "expected a size such as '1.5GB'")
          .optional(),
      })
      .strict()
      .prefault({}),
    clickhouse: z
      .object({
        url: z.string().url().default('http://127.0.0.1:8123'),
        user: z.string().default('default'),
        /** Prefer SCRM_CLICKHOUSE_PASSWORD: secrets do not belong in files. */
        password: z.string().default(''),
        database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain database name').default('default'),
        /** A cluster name from the servers' remote_servers: landing tables become Distributed over per-shard tables. */
        cluster: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a cluster name from remote_servers').optional(),
        /** Where marts are published for the read-only analyst role (`scrm analysts`); off when unset. */
        analytics_database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain database name').optional(),
        analyst_role: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain role or user name').default('scrm_analyst'),
        /** Statements sent at once: the model runner builds this many models at a time. */
        concurrent_statements: z.number().int().min(1).max(16).default(2),
        /**
         * Threads per statement, sent with every query; unset, the server's profile decides. ClickHouse
         * 18.16 counts physical cores through CPUID and can take 1 on a virtual machine.
         */
        max_threads: z.number().int().min(1).max(256).optional(),
      })
      .strict()
      .default({ url: 'http://127.0.0.1:8123', user: 'default', password: '', database: 'default', analyst_role: 'scrm_analyst', concurrent_statements: 2 }),
    pipelines: z
      .object({
        /** Folder of pipeline files, relative to the working directory; the project's `pipelines/` when unset. */
        dir: z.string().optional(),
        /** Lock files that keep two runs of one pipeline apart across processes on this host (relative to the working directory). */
        locks_dir: z.string().default('data/locks'),
      })
      .strict()
      .default({ locks_dir: 'data/locks' }),
    alerts: alertsConfigSchema.prefault({}),
    crm: crmConfigSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
