import { sql, type Kysely } from 'kysely';
import type { Json } from '../items.js';
import type { Delivery } from './types.js';

/** The CRM database's tables this sink writes: names share a configured prefix. */
export interface CrmTables {
  contacts: string;
  alerts: string;
  deliveries: string;
}

export function crmTables(prefix: string): CrmTables {
  return { contacts: `${prefix}contacts`, alerts: `${prefix}alerts`, deliveries: `${prefix}deliveries` };
}

/**
 * Creates the tables when missing. `deliveries` records each delivery id in the same transaction
 * as its upsert, which makes the SQL sink exactly-once: a repeated delivery finds its id and skips.
 */
// Table names are configured, so the schema is not known to the type system.
export async function createCrmTables(db: Kysely<any>, tables: CrmTables, dialect: 'postgres' | 'mysql'): Promise<void> {
  const time = dialect === 'mysql' ? sql`datetime(3)` : sql`timestamptz`;
  await db.schema
    .createTable(tables.contacts)
    .ifNotExists()
    .addColumn('customer_key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('crm_id', 'varchar(128)')
    .addColumn('churn_risk', 'varchar(16)')
    .addColumn('churn_probability', 'double precision')
    .addColumn('churn_reasons', 'text')
    .addColumn('recovery_candidate', 'boolean')
    .addColumn('churn_action', 'text')
    .addColumn('segment', 'varchar(32)')
    .addColumn('segment_action', 'text')
    .addColumn('price_sensitive', 'boolean')
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(tables.alerts)
    .ifNotExists()
    .addColumn('alert_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('rule_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('severity', 'varchar(16)', (c) => c.notNull())
    .addColumn('metric', 'varchar(128)', (c) => c.notNull())
    .addColumn('dimension', 'varchar(255)', (c) => c.notNull())
    .addColumn('dimension_kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('expected', 'double precision', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raised_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(tables.deliveries)
    .ifNotExists()
    .addColumn('delivery_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('item_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('content_hash', 'char(64)', (c) => c.notNull())
    .addColumn('delivered_at', time, (c) => c.notNull())
    .execute();
}

type Value = string | number | boolean | Date | null;

/** The contact columns one customer item sets; columns of other kinds are left as they are. */
export function contactColumns(delivery: Delivery): Record<string, Value> {
  const d = delivery.data;
  const text = (value: Json | undefined) => (value === null || value === undefined ? null : String(value));
  const base = { crm_id: text(d.crm_id) };
  if (delivery.kind === 'churn_flag') {
    return {
      ...base,
      churn_risk: text(d.risk_band),
      churn_probability: typeof d.probability === 'number' ? d.probability : null,
      churn_reasons: Array.isArray(d.reasons) ? d.reasons.join('; ') : null,
      recovery_candidate: d.recovery_candidate === true,
      churn_action: text(d.suggested_action),
    };
  }
  if (delivery.kind === 'segment_tag') return { ...base, segment: text(d.segment), segment_action: text(d.suggested_action) };
  return { ...base, price_sensitive: d.price_sensitive === true };
}

export function alertColumns(delivery: Delivery): Record<string, Value> {
  const d = delivery.data;
  return {
    alert_id: String(d.alert_id),
    rule_id: String(d.rule_id),
    severity: String(d.severity),
    metric: String(d.metric),
    dimension: String(d.dimension),
    dimension_kind: String(d.dimension_kind),
    period_start: String(d.period_start),
    period_end: String(d.period_end),
    value: Number(d.value),
    expected: Number(d.expected),
    message: String(d.message),
    raised_at: new Date(Number(d.raised_at_ms)),
  };
}
