import { Kysely, MysqlDialect, PostgresDialect, type Transaction } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import type { ItemKind, SqlSinkConfig } from '../config.js';
import { sinkIdentity } from './identity.js';
import { secretFromEnv } from './secrets.js';
import { alertColumns, contactColumns, createCrmTables, crmTables, type CrmTables } from './sql-tables.js';
import type { Delivery, DeliveryFailure, DeliveryResult, Sink } from './types.js';

// Table names are configured, so the schema is not known to the type system.
type Db = Kysely<any>;
type Trx = Transaction<any>;

/** SQLSTATE classes and codes worth retrying: connection trouble, rollbacks (deadlock, serialization), resources, shutdown. */
const PG_RETRYABLE = /^(08|40|53|57P)/;
const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Upserts into the CRM's own PostgreSQL or MySQL/MariaDB database with kysely: contact columns by
 * customer_key (ON CONFLICT … DO UPDATE / ON DUPLICATE KEY UPDATE), alerts by alert_id. Each batch is
 * one transaction that also records the delivery ids, so a delivery repeated after a crash is
 * recognised and skipped: nothing is applied twice. A batch refused for a reason retrying cannot
 * fix is split, so one bad item does not take the others down with it.
 */
export class SqlSink implements Sink {
  readonly type = 'sql';
  readonly name: string;
  readonly kinds: readonly ItemKind[];
  readonly batchSize: number;
  private readonly db: Db;
  private readonly tables: CrmTables;
  private ready = false;

  constructor(
    private readonly config: SqlSinkConfig,
    env: NodeJS.ProcessEnv,
  ) {
    ({ name: this.name, kinds: this.kinds } = sinkIdentity(config));
    this.batchSize = config.batch_size;
    this.tables = crmTables(config.table_prefix);
    this.db = new Kysely({ dialect: dialectFor(config, env, this.name) });
  }

  accepts(): boolean {
    return true;
  }

  holdFor(): null {
    return null;
  }

  async deliver(batch: readonly Delivery[]): Promise<DeliveryResult[]> {
    try {
      if (!this.ready) await createCrmTables(this.db, this.tables, this.config.dialect);
      this.ready = true;
      await this.db.transaction().execute(async (trx) => {
        for (const delivery of batch) await this.apply(trx, delivery);
      });
      return batch.map(() => ({ ok: true }));
    } catch (error) {
      const failure = classify(error, this.config.dialect);
      if (failure.retryable || batch.length === 1) return batch.map(() => failure);
      const results: DeliveryResult[] = [];
      for (const delivery of batch) results.push(...(await this.deliver([delivery])));
      return results;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Records the delivery id; only a delivery seen for the first time is applied. */
  private async apply(trx: Trx, delivery: Delivery): Promise<void> {
    const mark = { delivery_id: delivery.delivery_id, kind: delivery.kind, item_key: delivery.key, content_hash: delivery.content_hash, delivered_at: new Date() };
    const insert = trx.insertInto(this.tables.deliveries).values(mark);
    const claimed = await (this.config.dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.column('delivery_id').doNothing())).executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return;

    const [table, key, values] =
      delivery.kind === 'alert'
        ? [this.tables.alerts, 'alert_id', alertColumns(delivery)]
        : [this.tables.contacts, 'customer_key', { customer_key: delivery.key, ...contactColumns(delivery), updated_at: new Date() }];
    const { [key]: _key, ...updates } = values;
    const upsert = trx.insertInto(table).values(values);
    await (this.config.dialect === 'mysql' ? upsert.onDuplicateKeyUpdate(updates) : upsert.onConflict((oc) => oc.column(key).doUpdateSet(updates))).execute();
  }
}

function dialectFor(config: SqlSinkConfig, env: NodeJS.ProcessEnv, name: string): PostgresDialect | MysqlDialect {
  const url = config.url_env ? secretFromEnv(env, config.url_env, name) : undefined;
  const password = config.password_env ? secretFromEnv(env, config.password_env, name) : undefined;
  const fields = { host: config.host, port: config.port, user: config.user, database: config.database, password };
  if (config.dialect === 'postgres') {
    return new PostgresDialect({ pool: new pg.Pool(url ? { connectionString: url, max: 2 } : { ...fields, max: 2 }) });
  }
  return new MysqlDialect({ pool: url ? createPool({ uri: url, connectionLimit: 2 }) : createPool({ ...fields, connectionLimit: 2 }) });
}

function classify(error: unknown, dialect: 'postgres' | 'mysql'): DeliveryFailure {
  const code = String((error as { code?: unknown }).code ?? 'error');
  const message = (error as Error).message ?? String(error);
  if (NETWORK_CODES.has(code)) return { ok: false, code, message, retryable: true };
  if (dialect === 'postgres') return { ok: false, code: `pg_${code}`, message, retryable: PG_RETRYABLE.test(code) };
  return { ok: false, code: `mysql_${code}`, message, retryable: MYSQL_RETRYABLE.has(code) };
}
