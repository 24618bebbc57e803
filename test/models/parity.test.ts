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

/** Opening hours with a lunch break, a short Saturday, a closed Sunday, a holiday and a team, so business hours and levels are exercised. */
const config = configSchema.parse({
  costs: { tool_monthly: 300, countries: { HK: { marketing: 0.05 } } },
  service: {
    opening_hours: { mon: ['09:00-13:00', '14:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: ['10:00-14:00'] },
    holidays: ['2026-10-26', '2026-11-16'],
    teams: { front: ['agent_01', 'agent_02'], back: ['agent_03'] },
  },
});

/**
 * Lists of keys delivered twice reflect storage, not data: ClickHouse's ReplacingMergeTree drops
 * duplicate landing rows whenever it merges (chdb often has by then, the 18.16 server not yet).
 * The staged tables built from them are compared like every other model.
 */
const STORAGE_DEPENDENT = new Set(['stg_duplicate_messages', 'stg_duplicate_statuses', 'stg_duplicate_clicks']);

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
    expect(duck.get('stg_duplicate_messages')!.length).toBeGreaterThan(0);
    expect(duck.get('stg_conflicts')!.map((row) => row.entity).sort()).toEqual(expect.arrayContaining(['customer', 'order']));
    expect(new Set(duck.get('stg_identity_links')!.map((row) => row.reason))).toEqual(new Set(['crm', 'name_sku']));
    const turns = duck.get('int_turns')!;
    expect(turns.some((row) => row.answered === 0)).toBe(true);
    expect(turns.some((row) => Number(row.inbound_messages) > 1)).toBe(true);
    expect(turns.some((row) => row.response_s === 0)).toBe(true);
    expect(duck.get('int_conversations')!.some((row) => row.resolved === 1 && row.last_is_responder === 0)).toBe(true);
    expect(duck.get('mart_failures')!.length).toBeGreaterThan(0);
    const serviceTurns = duck.get('int_service_turns')!;
    expect(serviceTurns.some((row) => row.answered === 1 && Number(row.business_response_s) < Number(row.response_s))).toBe(true);
    expect(new Set(duck.get('mart_service_levels_weekly')!.map((row) => `${row.clock}/${row.level}`))).toEqual(
      new Set(['bots_count', 'human_only'].flatMap((clock) => ['account', 'phone_number', 'team', 'agent', 'label'].map((level) => `${clock}/${level}`))),
    );
    expect(duck.get('mart_service_levels_weekly')!.some((row) => row.median_response_s_change !== null)).toBe(true);
    expect(duck.get('int_resolutions')!.some((row) => Number(row.business_resolution_s) < Number(row.resolution_s))).toBe(true);
    expect(duck.get('mart_csat_weekly')!.some((row) => Number(row.responses) > 0)).toBe(true);
    expect(duck.get('mart_funnel')!.some((row) => Number(row.paid) > 0)).toBe(true);
    expect(new Set(duck.get('mart_customer_segments')!.map((row) => row.segment)).size).toBeGreaterThanOrEqual(3);
    for (const model of models.filter((name) => name.startsWith('mart_'))) expect(duck.get(model)!.length, model).toBeGreaterThan(0);
  });

  it.each(['clickhouse-server', 'chdb'])('builds every model on %s exactly as on DuckDB', (engine) => {
    const reference = tables.get('duckdb')!;
    const actual = tables.get(engine)!;
    for (const model of models.filter((name) => !STORAGE_DEPENDENT.has(name))) expectSameRows(model, reference.get(model)!, actual.get(model)!, engine);
  });

  it.each(TARGETS.map((target) => target.name))('passes every data test on %s', async (engine) => {
    const summary = await runDataTests(warehouses.get(engine)!, config);
    expect(summary.failed).toEqual([]);
    expect(summary.results.length).toBeGreaterThan(150);
  });
});
