import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runDataTests } from '../../src/transform/data-tests.js';
import { loadProject } from '../../src/transform/project.js';
import { runTransform } from '../../src/transform/run.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { expectSameRows, tableRows } from './compare.js';
import { generateLanding } from './generate.js';

const config = configSchema.parse({ costs: { tool_monthly: 300, countries: { HK: { marketing: 0.05 } } } });

/**
 * The whole DAG on DuckDB, the ClickHouse 18.16 server and chdb (ClickHouse 26) over the same
 * generated landing data: every model's table must be equal (floats within 1e-9 relative).
 */
describe('model parity across engines', () => {
  const landing = generateLanding(7, 300);
  const warehouses = new Map<string, Warehouse>();
  const tables = new Map<string, Map<string, Row[]>>();
  let models: string[] = [];

  beforeAll(async () => {
    models = (await loadProject('duckdb', config)).nodes.map((node) => node.name);
    for (const target of TARGETS) {
      const warehouse = await target.open();
      warehouses.set(target.name, warehouse);
      await initWarehouse(warehouse);
      await landing.load(warehouse);
      await runTransform(warehouse, config);
      const rows = new Map<string, Row[]>();
      for (const model of models) rows.set(model, await tableRows(warehouse, model));
      tables.set(target.name, rows);
    }
  });
  afterAll(async () => {
    for (const warehouse of warehouses.values()) await warehouse.close();
  });

  it('covers the cases that matter (the fixture is not trivial)', () => {
    const duck = tables.get('duckdb')!;
    expect(duck.get('stg_messages')!.length).toBeGreaterThan(3000);
    expect(duck.get('stg_conflicts')!.map((row) => row.entity).sort()).toEqual(expect.arrayContaining(['customer', 'order']));
    expect(new Set(duck.get('stg_identity_links')!.map((row) => row.reason))).toEqual(new Set(['crm', 'name_sku']));
    const turns = duck.get('int_turns')!;
    expect(turns.some((row) => row.answered === 0)).toBe(true);
    expect(turns.some((row) => Number(row.inbound_messages) > 1)).toBe(true);
    expect(turns.some((row) => row.response_s === 0)).toBe(true);
    expect(duck.get('int_conversations')!.some((row) => row.resolved === 1 && row.last_is_responder === 0)).toBe(true);
    expect(duck.get('mart_failures')!.length).toBeGreaterThan(0);
    expect(duck.get('mart_csat_weekly')!.some((row) => Number(row.responses) > 0)).toBe(true);
    expect(duck.get('mart_funnel')!.some((row) => Number(row.paid) > 0)).toBe(true);
    expect(new Set(duck.get('mart_customer_segments')!.map((row) => row.segment)).size).toBeGreaterThanOrEqual(3);
    for (const model of models.filter((name) => name.startsWith('mart_'))) expect(duck.get(model)!.length, model).toBeGreaterThan(0);
  });

  it.each(['clickhouse-server', 'chdb'])('builds every model on %s exactly as on DuckDB', (engine) => {
    const reference = tables.get('duckdb')!;
    const actual = tables.get(engine)!;
    for (const model of models) expectSameRows(model, reference.get(model)!, actual.get(model)!, engine);
  });

  it.each(TARGETS.map((target) => target.name))('passes every data test on %s', async (engine) => {
    const summary = await runDataTests(warehouses.get(engine)!, config);
    expect(summary.failed).toEqual([]);
    expect(summary.results.length).toBeGreaterThan(150);
  });
});
