import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { loadConfig } from '../../src/config/load.js';
import { generateDataset } from '../../src/generate/generate.js';
import { withGeneratedShopNames } from '../../src/generate/options.js';
import { runDemoPipeline } from '../../src/pipelines/demo.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { loadProject } from '../../src/transform/project.js';
import { ClickHouseHttpDriver } from '../../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../../src/warehouse/clickhouse/warehouse.js';
import { createClickHouseDatabase, openWarehouse } from '../../src/warehouse/open.js';
import type { Row } from '../../src/warehouse/types.js';
import { CLUSTER_NAME, startClickHouseCluster, type RunningCluster } from '../harness/clickhouse-cluster.js';
import { expectSameRows, tableRows } from '../models/compare.js';
import { RecordingReporter } from '../pipelines/helpers.js';

const DATABASE = 'scrm_pipeline';

/** Keys delivered twice are listed from storage, which ClickHouse deduplicates whenever it merges. */
const STORAGE_DEPENDENT = new Set(['stg_duplicate_messages', 'stg_duplicate_statuses', 'stg_duplicate_clicks']);

/** Tables the pipeline writes besides the models: churn scores and raised alerts. */
const PIPELINE_OUTPUTS = ['churn_scores', 'alerts'];

/** Columns that record when a row was written, which no two runs share. */
const WALL_CLOCK = new Set(['raised_at_ms', 'raised_at']);

/** JSON text columns, compared parsed so that their numbers get the same float tolerance. */
const JSON_TEXT: Record<string, string> = { alerts: 'evidence' };

function comparable(table: string, row: Row): Row {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => !WALL_CLOCK.has(column))
      .map(([column, value]) => [column, JSON_TEXT[table] === column ? JSON.parse(String(value)) : value]),
  );
}

/** A config file of its own per engine, so the two runs share nothing but the generated data. */
function workspaceConfig(engine: 'duckdb' | 'clickhouse', env: NodeJS.ProcessEnv): Config {
  const dir = mkdtempSync(join(tmpdir(), `scrm-cluster-${engine}-`));
  const file = join(dir, 'scrm.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      engine,
      duckdb: { path: join(dir, 'warehouse.duckdb') },
      pipelines: { locks_dir: join(dir, 'locks') },
      churn: { model_dir: join(dir, 'models') },
      reports: { out_dir: join(dir, 'reports') },
    }),
  );
  return withGeneratedShopNames(loadConfig(file, {}, env));
}

async function outputTables(config: Config, tables: string[]): Promise<Map<string, Row[]>> {
  const warehouse = await openWarehouse(config);
  try {
    const rows = new Map<string, Row[]>();
    for (const table of tables) {
      const stored = await tableRows(warehouse, table);
      rows.set(table, stored.map((row) => comparable(table, row)));
    }
    return rows;
  } finally {
    await warehouse.close();
  }
}

/**
 * The demo pipeline (init, ingest, transform, churn, reports, alerts, CRM sync) over generated data,
 * once on a two-shard ClickHouse 18.16 cluster and once on single-node DuckDB: every mart, the
 * churn scores and the alerts must come out the same.
 */
describe('the whole pipeline on a two-shard ClickHouse cluster', () => {
  let cluster: RunningCluster;
  let clusterConfig: Config;
  let tables: string[];
  const results = new Map<string, Map<string, Row[]>>();
  const statuses = new Map<string, string>();

  beforeAll(async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'scrm-cluster-data-')), 'demo');
    const duckConfig = workspaceConfig('duckdb', {});
    await generateDataset({ outDir: data, customers: 120, days: 240, seed: 'cluster-parity', timezone: duckConfig.timezone, homeRegion: duckConfig.default_region, force: true });
    cluster = await startClickHouseCluster();
    clusterConfig = workspaceConfig('clickhouse', {
      SCRM_CLICKHOUSE_URL: cluster.url,
      SCRM_CLICKHOUSE_DATABASE: DATABASE,
      SCRM_CLICKHOUSE_CLUSTER: CLUSTER_NAME,
    });
    await createClickHouseDatabase(clusterConfig);
    const models = (await loadProject('duckdb', duckConfig)).nodes.map((node) => node.name).filter((name) => !STORAGE_DEPENDENT.has(name));
    tables = [...models, ...PIPELINE_OUTPUTS];
    for (const [engine, config] of [['duckdb', duckConfig], ['cluster', clusterConfig]] as const) {
      const run = await runDemoPipeline(config, new StageRegistry(STAGES), data, new RecordingReporter());
      statuses.set(engine, `${run.status}${run.steps.map((step) => (step.error ? `: ${step.step}: ${step.error}` : '')).join('')}`);
      results.set(engine, await outputTables(config, tables));
    }
  });
  afterAll(async () => cluster?.stop());

  it('runs every stage on both', () => {
    expect(Object.fromEntries(statuses)).toEqual({ duckdb: 'succeeded', cluster: 'succeeded' });
  });

  it('spreads the landing data over both shards, each customer on one', async () => {
    const phonesPerShard: Set<string>[] = [];
    for (const shard of cluster.shards) {
      const node = new ClickHouseWarehouse(new ClickHouseHttpDriver({ url: shard.url, user: 'default', password: '', database: DATABASE }));
      const [row] = await node.query<{ n: number; phones: string[] }>('SELECT count() AS n, groupUniqArray(customer_phone) AS phones FROM raw_messages_local').finally(() => node.close());
      expect(row.n).toBeGreaterThan(1000);
      phonesPerShard.push(new Set(row.phones));
    }
    const [first, second] = phonesPerShard;
    expect([...first].filter((phone) => second.has(phone))).toEqual([]);
  });

  it('is not a trivial comparison: the marts, scores and alerts have rows', () => {
    const duck = results.get('duckdb')!;
    for (const table of tables.filter((name) => name.startsWith('mart_'))) expect(duck.get(table)!.length, table).toBeGreaterThan(0);
    expect(duck.get('churn_scores')!.length).toBeGreaterThan(50);
    expect(duck.get('alerts')!.length).toBeGreaterThan(0);
  });

  it('builds every model, score and alert on the cluster exactly as on DuckDB', () => {
    const duck = results.get('duckdb')!;
    const onCluster = results.get('cluster')!;
    for (const table of tables) expectSameRows(table, duck.get(table)!, onCluster.get(table)!, 'the cluster');
  });
});
