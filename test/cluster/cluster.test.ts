import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseHttpDriver } from '../../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../../src/warehouse/clickhouse/warehouse.js';
import { loadConfig } from '../../src/config/load.js';
import { applyRetention } from '../../src/retention/retention.js';
import { initWarehouse, LANDING_TABLES } from '../../src/warehouse/init.js';
import { createClickHouseDatabase, openWarehouse } from '../../src/warehouse/open.js';
import { rowEncoder } from '../../src/warehouse/row-encoding.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { CLUSTER_NAME, startClickHouseCluster, type RunningCluster } from '../harness/clickhouse-cluster.js';

const DATABASE = 'scrm';

function message(i: number) {
  const ts = Date.UTC(2026, 10, 1) + i * 60_000;
  return {
    message_id: `wamid.${i}`,
    source: 'whatsapp',
    customer_phone: `+8529100${String(i % 40).padStart(4, '0')}`,
    direction: 'inbound',
    sender_kind: 'customer',
    type: 'text',
    text_norm: 'hola',
    tokens: ['hola'],
    emojis: [],
    ts_ms: ts,
    ts,
    raw_json: '{}',
    source_file: 'f.ndjson',
    source_line: i + 1,
    ingested_at_ms: ts,
  };
}

describe('ClickHouse two-shard cluster', () => {
  let cluster: RunningCluster;
  let warehouse: Warehouse;
  const shardNode = (url: string) =>
    new ClickHouseWarehouse(new ClickHouseHttpDriver({ url, user: 'default', password: '', database: DATABASE }));

  beforeAll(async () => {
    cluster = await startClickHouseCluster();
    const config = loadConfig(undefined, { engine: 'clickhouse' }, {
      SCRM_CLICKHOUSE_URL: cluster.url,
      SCRM_CLICKHOUSE_DATABASE: DATABASE,
      SCRM_CLICKHOUSE_CLUSTER: CLUSTER_NAME,
    });
    await createClickHouseDatabase(config);
    warehouse = await openWarehouse(config);
    await initWarehouse(warehouse, config.clickhouse);
  });
  afterAll(async () => {
    await warehouse?.close();
    await cluster?.stop();
  });

  it('creates local tables on every shard and Distributed tables over them, idempotently', async () => {
    await initWarehouse(warehouse, { cluster: CLUSTER_NAME, database: DATABASE });
    for (const shard of cluster.shards) {
      const node = shardNode(shard.url);
      const engines = await node.query<{ name: string; engine: string }>(
        "SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name",
      );
      await node.close();
      for (const table of LANDING_TABLES) {
        expect(engines).toContainEqual({ name: table, engine: 'Distributed' });
        expect(engines.find((t) => t.name === `${table}_local`)?.engine).toMatch(/MergeTree$/);
      }
    }
  });

  it('writes through the Distributed table: every shard holds data, one customer lives on one shard', async () => {
    await warehouse.insert('raw_messages', Array.from({ length: 400 }, (_, i) => message(i)));
    // Synchronous distributed inserts: the rows are visible as soon as insert returns.
    expect(await warehouse.query('SELECT count() AS n, uniqExact(customer_phone) AS phones FROM raw_messages')).toEqual([{ n: 400, phones: 40 }]);
    const perShard: { n: number; phones: string[] }[] = [];
    for (const shard of cluster.shards) {
      const node = shardNode(shard.url);
      const [row] = await node.query<{ n: number; phones: string[] }>('SELECT count() AS n, groupUniqArray(customer_phone) AS phones FROM raw_messages_local');
      await node.close();
      perShard.push(row);
    }
    for (const shard of perShard) expect(shard.n).toBeGreaterThan(0);
    expect(perShard.reduce((sum, s) => sum + s.n, 0)).toBe(400);
    const [a, b] = perShard.map((s) => new Set(s.phones));
    expect([...a].filter((phone) => b.has(phone))).toEqual([]);
  });

  it('appends only new keys through the Distributed table (ingest), whichever shard holds them', async () => {
    const ts = Date.UTC(2026, 10, 1);
    const encode = rowEncoder(await warehouse.rowEncoding('raw_clicks'));
    const click = (i: number) =>
      encode({ click_id: `clk${i}`, token: 't', url: 'https://shop.example', ts_ms: ts + i, ts: ts + i, raw_json: '{}', source_file: 'c.ndjson', source_line: i, ingested_at_ms: ts });
    const first = Array.from({ length: 60 }, (_, i) => click(i));
    expect(await warehouse.appendNew('raw_clicks', first, ['click_id'])).toBe(60);
    // 20…99: 20…59 are stored already (on either shard), 60…99 are new.
    const again = Array.from({ length: 80 }, (_, i) => click(i + 20));
    expect(await warehouse.appendNew('raw_clicks', again, ['click_id'])).toBe(40);
    expect(await warehouse.query('SELECT count() AS n, uniqExact(click_id) AS ids FROM raw_clicks')).toEqual([{ n: 100, ids: 100 }]);
  });

  it('builds a mart from the Distributed tables atomically on the coordinator', async () => {
    await warehouse.replaceTable(
      'mart_probe',
      'SELECT customer_phone AS k, count() AS messages FROM raw_messages GROUP BY customer_phone',
      { orderBy: ['k'] },
    );
    expect(await warehouse.query('SELECT count() AS customers, sum(messages) AS messages FROM mart_probe')).toEqual([{ customers: 40, messages: 400 }]);
  });

  it('applies retention on every shard and keeps the marts', async () => {
    const nowMs = Date.UTC(2026, 10, 1) + 200 * 86_400_000 + 200 * 60_000;
    const summary = await applyRetention(warehouse, { retentionDays: 200, nowMs, topology: { cluster: CLUSTER_NAME, database: DATABASE } });
    // Message i is at 1 Nov + i minutes, so the first 200 fall before the cutoff.
    expect(summary.removed.raw_messages).toBe(200);
    expect(await warehouse.query('SELECT count() AS n, min(ts_ms) AS first FROM raw_messages')).toEqual([
      { n: 200, first: Date.UTC(2026, 10, 1) + 200 * 60_000 },
    ]);
    for (const shard of cluster.shards) {
      const node = shardNode(shard.url);
      const [old] = await node.query('SELECT count() AS n FROM raw_messages_local WHERE ts_ms < {cutoff}', { cutoff: summary.cutoffMs });
      await node.close();
      expect(old.n).toBe(0);
    }
    expect(await warehouse.query('SELECT sum(messages) AS messages FROM mart_probe')).toEqual([{ messages: 400 }]);
  });

  it('adds a column an older cluster lacks to every shard\'s local table and to the Distributed table', async () => {
    for (const table of ['raw_order_items_local', 'raw_order_items']) {
      await warehouse.execScript(`ALTER TABLE ${DATABASE}.${table} ON CLUSTER ${CLUSTER_NAME} DROP COLUMN updated_at`);
    }
    const { added_columns: added } = await initWarehouse(warehouse, { cluster: CLUSTER_NAME, database: DATABASE });
    expect(added).toEqual([{ table: 'raw_order_items', column: 'updated_at', type: "DateTime('UTC')", filled_from: 'updated_at_ms' }]);
    for (const shard of cluster.shards) {
      const node = shardNode(shard.url);
      const columns = await node.query("SELECT table, type FROM system.columns WHERE database = currentDatabase() AND name = 'updated_at' AND table LIKE 'raw_order_items%' ORDER BY table");
      await node.close();
      expect(columns).toEqual([
        { table: 'raw_order_items', type: "DateTime('UTC')" },
        { table: 'raw_order_items_local', type: "DateTime('UTC')" },
      ]);
    }
    expect((await initWarehouse(warehouse, { cluster: CLUSTER_NAME, database: DATABASE })).added_columns).toEqual([]);
  });
});
