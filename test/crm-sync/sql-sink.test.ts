import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmConfigSchema, sinkSchema, type SqlSinkConfig } from '../../src/crm-sync/config.js';
import { canonicalJson, sha256 } from '../../src/crm-sync/items.js';
import { syncCrm } from '../../src/crm-sync/run.js';
import { SqlSink } from '../../src/crm-sync/sinks/sql.js';
import type { Delivery } from '../../src/crm-sync/sinks/types.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { alerts, customers, loadCrmFixtures, segmentAction, sendsChurnFlag } from './fixtures.js';

type Rows = Record<string, unknown>[];

/** A plain client on the CRM database, to look at what the sink wrote. */
interface Inspector {
  query(sql: string): Promise<Rows>;
  close(): Promise<void>;
}

const SERVERS = [
  {
    dialect: 'postgres' as const,
    connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' },
    tooLong: 'pg_22001',
    async inspect(): Promise<Inspector> {
      const client = new pg.Client(this.connection);
      await client.connect();
      return { query: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
    },
  },
  {
    dialect: 'mysql' as const,
    connection: { host: '127.0.0.1', port: 3306, user: 'root', database: 'test' },
    tooLong: 'mysql_ER_DATA_TOO_LONG',
    async inspect(): Promise<Inspector> {
      const connection = await mysql.createConnection(this.connection);
      return { query: async (sql) => (await connection.query(sql))[0] as Rows, close: () => connection.end() };
    },
  },
];

const NOW = Date.now();

function delivery(kind: Delivery['kind'], key: string, data: Delivery['data']): Delivery {
  const payload = canonicalJson(data);
  const contentHash = sha256(payload);
  return { delivery_id: sha256(`${kind}${key}${contentHash}`).slice(0, 32), kind, key, content_hash: contentHash, payload, data };
}

describe.each(SERVERS)('SQL sink on $dialect', (server) => {
  const prefix = `t${randomBytes(4).toString('hex')}_`;
  const sinkConfig = sinkSchema.parse({ type: 'sql', dialect: server.dialect, ...server.connection, table_prefix: prefix, batch_size: 7 }) as SqlSinkConfig;
  const list = customers(25);
  let warehouse: Warehouse;
  let db: Inspector;

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadCrmFixtures(warehouse, list, NOW);
    db = await server.inspect();
  });
  afterAll(async () => {
    for (const table of ['contacts', 'alerts', 'deliveries']) await db?.query(`DROP TABLE IF EXISTS ${prefix}${table}`);
    await db?.close();
    await warehouse?.close();
  });

  it('upserts every item into the CRM tables, each delivery recorded once', async () => {
    const summary = await syncCrm(warehouse, { crm: crmConfigSchema.parse({ sinks: [sinkConfig] }) }, { env: {} });
    const items = list.filter(sendsChurnFlag).length + list.length + list.filter((c) => c.priceSensitive).length + 3;
    expect(summary.sinks[0]).toMatchObject({ enqueued: items, delivered: items, dead: 0, pending: 0 });

    const contacts = await db.query(`SELECT * FROM ${prefix}contacts ORDER BY customer_key`);
    expect(contacts).toHaveLength(list.length);
    for (const [i, c] of list.entries()) {
      const row = contacts[i];
      expect(row).toMatchObject({ customer_key: c.key, crm_id: c.crmId, segment: c.segment, segment_action: segmentAction(c.segment) });
      if (sendsChurnFlag(c)) {
        expect(row.churn_risk).toBe(c.band);
        expect(Number(row.churn_probability)).toBe(Math.round(c.probability * 100) / 100);
        expect(Boolean(row.recovery_candidate)).toBe(c.recovery);
      } else {
        expect(row.churn_risk).toBeNull();
      }
      expect(row.price_sensitive === null ? null : Boolean(row.price_sensitive)).toBe(c.priceSensitive ? true : null);
    }
    const stored = await db.query(`SELECT alert_id, rule_id, message FROM ${prefix}alerts ORDER BY alert_id`);
    expect(stored.map((r) => r.alert_id)).toEqual(alerts(NOW).map((a) => a.alert_id).sort());
    const deliveries = await db.query(`SELECT count(*) AS n, count(DISTINCT delivery_id) AS d FROM ${prefix}deliveries`);
    expect(deliveries.map((r) => [Number(r.n), Number(r.d)])).toEqual([[items, items]]);
  });

  it('applies a delivery repeated after a crash only once', async () => {
    const sink = new SqlSink(sinkConfig, {});
    try {
      const repeat = delivery('segment_tag', list[0].key, { customer_key: list[0].key, crm_id: list[0].crmId, segment: 'lost', suggested_action: 'x' });
      expect(await sink.deliver([repeat])).toEqual([{ ok: true }]);
      const [first] = await db.query(`SELECT segment, updated_at FROM ${prefix}contacts WHERE customer_key = '${list[0].key}'`);
      // The CRM changes the record meanwhile; the repeat must not overwrite it.
      await db.query(`UPDATE ${prefix}contacts SET segment = 'edited_in_crm' WHERE customer_key = '${list[0].key}'`);
      expect(await sink.deliver([repeat])).toEqual([{ ok: true }]);
      const [after] = await db.query(`SELECT segment, updated_at FROM ${prefix}contacts WHERE customer_key = '${list[0].key}'`);
      expect(first.segment).toBe('lost');
      expect(after.segment).toBe('edited_in_crm');
      const marks = await db.query(`SELECT count(*) AS n FROM ${prefix}deliveries WHERE delivery_id = '${repeat.delivery_id}'`);
      expect(Number(marks[0].n)).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it('isolates an item the database refuses, and retries when the database is unreachable', async () => {
    const sink = new SqlSink(sinkConfig, {});
    try {
      const good = [1, 2].map((i) => delivery('price_tag', list[i].key, { customer_key: list[i].key, crm_id: null, price_sensitive: true }));
      const bad = delivery('churn_flag', list[3].key, { customer_key: list[3].key, crm_id: null, risk_band: 'x'.repeat(40), probability: 0.5, reasons: [], recovery_candidate: false, suggested_action: null });
      const results = await sink.deliver([good[0], bad, good[1]]);
      expect(results[0]).toEqual({ ok: true });
      expect(results[2]).toEqual({ ok: true });
      expect(results[1]).toMatchObject({ ok: false, code: server.tooLong, retryable: false });
    } finally {
      await sink.close();
    }
    const nowhere = new SqlSink({ ...sinkConfig, port: 1 }, {});
    try {
      const [result] = await nowhere.deliver([delivery('price_tag', 'c_x', { customer_key: 'c_x', crm_id: null, price_sensitive: true })]);
      expect(result).toMatchObject({ ok: false, code: 'ECONNREFUSED', retryable: true });
    } finally {
      await nowhere.close();
    }
  });
});

describe('SQL sink configuration', () => {
  it('takes the connection URL from the environment and names the variable when it is missing', () => {
    const config = sinkSchema.parse({ type: 'sql', dialect: 'postgres', url_env: 'SCRM_CRM_DATABASE_URL' }) as SqlSinkConfig;
    expect(() => new SqlSink(config, {})).toThrow(/crm sink "sql": environment variable SCRM_CRM_DATABASE_URL is not set/);
  });
});
