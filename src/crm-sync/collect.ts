import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { engineSqlFile } from '../files.js';
import { missingTables } from '../warehouse/missing-tables.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ItemKind } from './config.js';
import type { Json, SyncItem } from './items.js';

/**
 * What goes back to the CRM, read from the warehouse by the queries in sql/crm-sync/items/ and
 * checked once here: each query's rows must have the columns and types its kind expects.
 */

const ITEMS_FOLDER = 'sql/crm-sync/items';

const flag = z.union([z.boolean(), z.number()]).transform((value) => value === true || value === 1);
const text = z.string();
const optionalText = z.string().nullable();

const churnRow = z.object({
  customer_key: text,
  probability: z.number(),
  risk_band: text,
  reason_1: optionalText,
  reason_2: optionalText,
  reason_3: optionalText,
  recovery_candidate: flag,
  suggested_action: optionalText,
});
const segmentRow = z.object({ customer_key: text, segment: text, suggested_action: optionalText });
const priceRow = z.object({ customer_key: text, price_sensitive: flag });
const alertRow = z.object({
  alert_id: text,
  rule_id: text,
  kind: text,
  severity: text,
  metric: text,
  dimension: text,
  dimension_kind: text,
  period_start: text,
  period_end: text,
  value: z.number(),
  expected: z.number(),
  message: text,
  raised_at_ms: z.number(),
});

interface ItemQuery<S extends z.ZodType> {
  kind: ItemKind;
  file: string;
  requires: string[];
  row: S;
  toItem(row: z.infer<S>, crmId: (customerKey: string) => string | null): SyncItem;
}

function itemQuery<S extends z.ZodType>(query: ItemQuery<S>): ItemQuery<S> {
  return query;
}

/** Probabilities go back rounded to 0.01: finer changes are noise to a CRM user and would resend every flag daily. */
const round2 = (value: number) => Math.round(value * 100) / 100;

const QUERIES = [
  itemQuery({
    kind: 'churn_flag',
    file: 'churn_flags',
    requires: ['churn_scores'],
    row: churnRow,
    toItem: (row, crmId) => ({
      kind: 'churn_flag',
      key: row.customer_key,
      payload: {
        customer_key: row.customer_key,
        crm_id: crmId(row.customer_key),
        risk_band: row.risk_band,
        probability: round2(row.probability),
        reasons: [row.reason_1, row.reason_2, row.reason_3].filter((r): r is string => r !== null),
        recovery_candidate: row.recovery_candidate,
        suggested_action: row.suggested_action,
      },
    }),
  }),
  itemQuery({
    kind: 'segment_tag',
    file: 'segment_tags',
    requires: ['mart_customer_segments'],
    row: segmentRow,
    toItem: (row, crmId) => ({
      kind: 'segment_tag',
      key: row.customer_key,
      payload: { customer_key: row.customer_key, crm_id: crmId(row.customer_key), segment: row.segment, suggested_action: row.suggested_action },
    }),
  }),
  itemQuery({
    kind: 'price_tag',
    file: 'price_tags',
    requires: ['mart_customer_segments'],
    row: priceRow,
    toItem: (row, crmId) => ({
      kind: 'price_tag',
      key: row.customer_key,
      payload: { customer_key: row.customer_key, crm_id: crmId(row.customer_key), price_sensitive: row.price_sensitive },
    }),
  }),
  itemQuery({
    kind: 'alert',
    file: 'alerts',
    requires: ['alerts'],
    row: alertRow,
    toItem: (row) => {
      const { kind, ...rest } = row;
      return { kind: 'alert', key: row.alert_id, payload: { ...rest, rule_kind: kind } as { [key: string]: Json } };
    },
  }),
];

export interface CollectOptions {
  kinds: ReadonlySet<ItemKind>;
  /** Alerts raised at or after this time are sent. */
  alertsSinceMs: number;
}

export interface CollectedItems {
  items: SyncItem[];
  counts: Partial<Record<ItemKind, number>>;
  /** Kinds whose tables are not built yet, with the reason. */
  skipped: { kind: ItemKind; reason: string }[];
}

export async function collectItems(warehouse: Warehouse, options: CollectOptions): Promise<CollectedItems> {
  const crmIds = await loadCrmIds(warehouse);
  const result: CollectedItems = { items: [], counts: {}, skipped: [] };
  for (const query of QUERIES) {
    if (!options.kinds.has(query.kind)) continue;
    const missing = await missingTables(warehouse, query.requires);
    if (missing.length) {
      result.skipped.push({ kind: query.kind, reason: `table ${missing.join(', ')} does not exist yet` });
      continue;
    }
    const file = engineSqlFile(ITEMS_FOLDER, query.file, warehouse.engine);
    const sql = readFileSync(file, 'utf8');
    const rows = await warehouse.query(sql, sql.includes('{since_ms}') ? { since_ms: options.alertsSinceMs } : undefined);
    // Keyed by item: a ClickHouse ReplacingMergeTree may show a row twice before it merges.
    const byKey = new Map<string, SyncItem>();
    rows.forEach((raw, index) => {
      const parsed = query.row.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file}, row ${index + 1}: column "${issue.path.join('.')}": ${issue.message}`);
      }
      const item = query.toItem(parsed.data as never, (key) => crmIds.get(key) ?? null);
      byKey.set(item.key, item);
    });
    result.items.push(...byKey.values());
    result.counts[query.kind] = byKey.size;
  }
  return result;
}

/** customer_key → crm_id, when the staged CRM records and identities exist. */
async function loadCrmIds(warehouse: Warehouse): Promise<Map<string, string>> {
  if ((await missingTables(warehouse, ['stg_customers', 'stg_identity'])).length) return new Map();
  const rows = await warehouse.query<{ customer_key: string; crm_id: string }>(readFileSync(engineSqlFile(ITEMS_FOLDER, 'customer_crm_ids', warehouse.engine), 'utf8'));
  return new Map(rows.map((row) => [row.customer_key, row.crm_id]));
}

