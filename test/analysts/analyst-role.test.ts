import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analystUserXml, hasSqlAccessControl, publishMarts } from '../../src/warehouse/clickhouse/analysts.js';
import { splitScript } from '../../src/warehouse/script.js';
import { ClickHouseHttpDriver } from '../../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../../src/warehouse/clickhouse/warehouse.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { startClickHouse, type RunningClickHouse } from '../../src/warehouse/clickhouse/local-server.js';
import { ChdbDriver } from '../harness/chdb-driver.js';

const PASSWORD = 'analyst-secret';

function connect(url: string, user: string, password: string, database: string): Warehouse {
  return new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user, password, database }));
}

async function buildMarts(warehouse: Warehouse) {
  await initWarehouse(warehouse);
  await warehouse.insert('raw_messages', [{
    message_id: 'm1', source: 'whatsapp', customer_phone: '+85291234567', direction: 'inbound', sender_kind: 'customer',
    type: 'text', text_norm: 'hola', tokens: ['hola'], emojis: [], ts_ms: 0, ts: 0, raw_json: '{}', source_file: 'f', source_line: 1, ingested_at_ms: 0,
  }]);
  await warehouse.replaceTable('mart_probe', "SELECT 'c_1' AS customer_key, count() AS messages FROM raw_messages");
  await warehouse.replaceTable('stg_probe', 'SELECT customer_phone FROM raw_messages');
  await warehouse.replaceTable('churn_scores_weekly', "SELECT 'c_1' AS customer_key, toDate('2026-11-22') AS as_of");
}

describe('read-only analyst on a ClickHouse 18.16 server', () => {
  let server: RunningClickHouse;
  let owner: Warehouse;

  beforeAll(async () => {
    // The server is started with the users.d entry that `scrm analysts --xml` prints.
    server = await startClickHouse({ configFiles: { 'scrm-analyst.xml': analystUserXml('scrm_analyst', PASSWORD, 'analytics') } });
    const admin = connect(server.url, 'default', '', 'default');
    await admin.exec('CREATE DATABASE IF NOT EXISTS scrm');
    await admin.close();
    owner = connect(server.url, 'default', '', 'scrm');
    await buildMarts(owner);
  });
  afterAll(async () => {
    await owner?.close();
    await server?.stop();
  });

  it('publishes only the marts, atomically and again on every run', async () => {
    expect(await publishMarts(owner, 'analytics')).toEqual({ analyticsDatabase: 'analytics', tables: ['churn_scores_weekly', 'mart_probe'] });
    await owner.replaceTable('mart_probe', "SELECT 'c_1' AS customer_key, toUInt64(7) AS messages");
    await publishMarts(owner, 'analytics');
    expect(await owner.query('SELECT messages FROM analytics.mart_probe')).toEqual([{ messages: 7 }]);
    expect(await hasSqlAccessControl(owner)).toBe(false);
  });

  it('lets the analyst read marts and refuses raw tables and writes', async () => {
    const analyst = connect(server.url, 'scrm_analyst', PASSWORD, 'analytics');
    try {
      expect(await analyst.query('SELECT customer_key, messages FROM mart_probe')).toEqual([{ customer_key: 'c_1', messages: 7 }]);
      await expect(analyst.query('SELECT customer_phone FROM scrm.raw_messages')).rejects.toThrow(/Access denied|not allowed/i);
      await expect(analyst.query('SELECT * FROM scrm.stg_probe')).rejects.toThrow(/Access denied|not allowed/i);
      await expect(analyst.exec('DROP TABLE mart_probe')).rejects.toThrow(/readonly|Cannot execute query in readonly mode/i);
    } finally {
      await analyst.close();
    }
    const wrongPassword = connect(server.url, 'scrm_analyst', 'guess', 'analytics');
    await expect(wrongPassword.query('SELECT 1 AS x')).rejects.toThrow(/password|Authentication/i);
    await wrongPassword.close();
  });
});

describe('analyst role on current ClickHouse (chdb 26.x)', () => {
  // chdb's embedded user may not manage access, so the role script is checked by the current parser.
  it('has role and grant statements that the current release parses', async () => {
    const warehouse = new ClickHouseWarehouse(new ChdbDriver('analyst_probe'));
    try {
      expect(await hasSqlAccessControl(warehouse)).toBe(true);
      const script = readFileSync('sql/clickhouse/analyst-role.sql', 'utf8').replaceAll('{{ role }}', 'scrm_analyst').replaceAll('{{ analytics_database }}', 'analytics');
      const statements = splitScript(script);
      expect(statements).toHaveLength(2);
      for (const statement of statements) {
        const [row] = await warehouse.query<{ f: string }>('SELECT formatQuery({q}) AS f', { q: statement });
        expect(row.f).toMatch(/^(CREATE ROLE IF NOT EXISTS scrm_analyst|GRANT SELECT ON analytics\.\* TO scrm_analyst)$/);
      }
    } finally {
      await warehouse.close();
    }
  });
});
