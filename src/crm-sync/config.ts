import { z } from 'zod';
import { delayMs } from '../config/duration.js';

/** The `crm` key of the scrm config: what goes back to the CRM, where, and how deliveries are retried. */

export const ITEM_KINDS = ['churn_flag', 'segment_tag', 'price_tag', 'alert'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as "SCRM_WEBHOOK_SECRET"');
const sinkName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case name such as "hubspot"');

/** Fields every sink has. */
const sinkBase = {
  /** Names the sink in the outbox; default: its type. Renaming a sink starts its deliveries afresh. */
  name: sinkName.optional(),
  /** What this sink receives (default: everything). */
  items: z.array(z.enum(ITEM_KINDS)).min(1).default([...ITEM_KINDS]),
  /** One request may not take longer. */
  timeout: delayMs.prefault('10s'),
};

const webhookSink = z
  .object({
    ...sinkBase,
    type: z.literal('webhook'),
    url: z.url(),
    /** The HMAC-SHA256 key is read from this environment variable, never from a file. */
    secret_env: envName.default('SCRM_WEBHOOK_SECRET'),
    signature_header: z.string().default('X-Scrm-Signature-256'),
    /**
     * Items sent (one request each) between two writes of the attempt log. Larger is cheaper on
     * ClickHouse; a crash re-sends at most this many, under their idempotency keys.
     */
    batch_size: z.number().int().min(1).max(1000).default(10),
  })
  .strict();

const hubspotSink = z
  .object({
    ...sinkBase,
    type: z.literal('hubspot'),
    base_url: z.url().default('https://api.hubapi.com'),
    token_env: envName.default('SCRM_HUBSPOT_TOKEN'),
    /** Inputs per batch request; HubSpot accepts at most 100. */
    batch_size: z.number().int().min(1).max(100).default(100),
    /**
     * A unique contact property holding our customer_key; without it, contacts are addressed by
     * their HubSpot record id (the crm_id of contacts imported from HubSpot).
     */
    contact_id_property: z.string().optional(),
    /** A unique task property holding the alert id: tasks are then upserted, so a retry never duplicates one. */
    task_id_property: z.string().optional(),
    property_prefix: z.string().regex(/^[a-z][a-z0-9_]*$/).default('scrm_'),
  })
  .strict();

const sqlSink = z
  .object({
    ...sinkBase,
    type: z.literal('sql'),
    dialect: z.enum(['postgres', 'mysql']),
    /** A connection URL in this environment variable (it may hold a password); or the fields below. */
    url_env: envName.optional(),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().positive().optional(),
    user: z.string().optional(),
    database: z.string().optional(),
    password_env: envName.optional(),
    /** Tables <prefix>contacts, <prefix>alerts and <prefix>deliveries, created when missing. */
    table_prefix: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('scrm_'),
    batch_size: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();

const fileSink = z
  .object({
    ...sinkBase,
    type: z.literal('file'),
    path: z.string().default('data/crm-outbox/crm-sync.ndjson'),
  })
  .strict();

export const sinkSchema = z.discriminatedUnion('type', [webhookSink, hubspotSink, sqlSink, fileSink]);

export const retrySchema = z
  .object({
    /** Retries right after a failure. */
    immediate: z.number().int().min(0).default(2),
    /** Retries after that, `interval` apart (times `backoff` for each further one). */
    later: z.number().int().min(0).default(3),
    interval: delayMs.prefault('5m'),
    backoff: z.number().min(1).default(1),
  })
  .strict();

export const crmConfigSchema = z
  .object({
    /** Several at once; none configured means the NDJSON file outbox under data/. */
    sinks: z
      .array(sinkSchema)
      .default([])
      .refine((sinks) => new Set(sinks.map((s) => s.name ?? s.type)).size === sinks.length, {
        message: 'two sinks have the same name; give each a distinct "name"',
      }),
    retry: retrySchema.prefault({}),
    /** How long a run waits for retries that fall due; later ones are left to the next run. */
    wait_up_to: delayMs.prefault('20m'),
    /** Alerts raised in this many days before the run are sent. */
    alert_days: z.number().int().positive().default(30),
  })
  .strict();

export type SinkConfig = z.infer<typeof sinkSchema>;
export type WebhookSinkConfig = z.infer<typeof webhookSink>;
export type HubSpotSinkConfig = z.infer<typeof hubspotSink>;
export type SqlSinkConfig = z.infer<typeof sqlSink>;
export type FileSinkConfig = z.infer<typeof fileSink>;
export type RetryPolicy = z.infer<typeof retrySchema>;
export type CrmConfig = z.infer<typeof crmConfigSchema>;
