import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { run, SAMPLES } from '../ingest/helpers.js';

/** Columns added to the landing tables since the first warehouses were created: one NOT NULL, one nullable. */
const NEWER = [
  { table: 'raw_order_items', column: 'updated_at', partner: 'updated_at_ms' },
  { table: 'raw_statuses', column: 'conversation_expires', partner: 'conversation_expires_ms' },
];

async function loadSamples(warehouse: Warehouse): Promise<void> {
  await run(warehouse, 'orders', [join(SAMPLES, 'orders.csv')]);
  await run(warehouse, 'whatsapp', [join(SAMPLES, 'webhooks')]);
}

const itemsSql = 'SELECT order_id, line_no, updated_at_ms, updated_at FROM raw_order_items ORDER BY order_id, line_no';

// chdb allows one session per process: the current and the older warehouse are opened in turn.
describe.each(TARGETS)('scrm init upgrades an older warehouse on $name', (target) => {
  let old: Warehouse;
  let added: Awaited<ReturnType<typeof initWarehouse>>['added_columns'];
  const reference: { items: Row[]; columns: Record<string, string[]> } = { items: [], columns: {} };

  beforeAll(async () => {
    const current = await target.open();
    try {
      expect((await initWarehouse(current)).added_columns).toEqual([]);
      await loadSamples(current);
      reference.items = await current.query(itemsSql);
      for (const { table } of NEWER) reference.columns[table] = (await current.columns(table)).sort();
    } finally {
      await current.close();
    }

    // A warehouse created before the timestamp partners existed, loaded by the current ingest.
    old = await target.open();
    await initWarehouse(old);
    for (const { table, column } of NEWER) await old.execScript(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    await loadSamples(old);
    added = (await initWarehouse(old)).added_columns;
  }, 120_000);
  afterAll(async () => old?.close());

  it('adds the columns the older tables lack, each filled from its *_ms column', async () => {
    expect(added.map(({ table, column, filled_from }) => ({ table, column, filled_from })).sort((a, b) => a.table.localeCompare(b.table))).toEqual(
      NEWER.map(({ table, column, partner }) => ({ table, column, filled_from: partner })),
    );
    for (const { table } of NEWER) expect((await old.columns(table)).sort()).toEqual(reference.columns[table]);
  });

  it('gives the rows loaded before the upgrade the values a current warehouse holds', async () => {
    const rows = await old.query(itemsSql);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(reference.items);
  });

  it('adds nothing the second time, leaves no scratch tables, and later loads fill the new columns themselves', async () => {
    expect((await initWarehouse(old)).added_columns).toEqual([]);
    const scratch =
      target.name === 'duckdb'
        ? "SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'scrm_expected%'"
        : "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'scrm_expected%'";
    expect(await old.query(scratch)).toEqual([]);
    await run(old, 'orders', [join(SAMPLES, 'orders.csv')]);
    expect(await old.query(itemsSql)).toEqual(reference.items);
  });

  it('refuses a column whose type differs from the current definition, naming both types', async () => {
    await old.close();
    const stale = await target.open();
    try {
      await initWarehouse(stale);
      await stale.execScript('ALTER TABLE raw_order_items DROP COLUMN updated_at');
      await stale.execScript(`ALTER TABLE raw_order_items ADD COLUMN updated_at ${target.name === 'duckdb' ? 'VARCHAR' : 'String'}`);
      await expect(initWarehouse(stale)).rejects.toThrow(/raw_order_items: column updated_at is (VARCHAR|String), the current definition has (TIMESTAMP|DateTime\('UTC'\))/);
    } finally {
      await stale.close();
    }
  });
});

describe('scrm init on a DuckDB file whose catalog name is not a bare identifier', () => {
  it('compares and returns to the file\'s own catalog', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scrm-upgrade-')), 'scrm-bench-1.duckdb');
    const warehouse = await DuckDBWarehouse.open({ path });
    try {
      await initWarehouse(warehouse);
      await warehouse.execScript('ALTER TABLE raw_order_items DROP COLUMN updated_at');
      expect((await initWarehouse(warehouse)).added_columns.map((column) => column.column)).toEqual(['updated_at']);
      expect(await warehouse.query('SELECT current_database() AS name')).toEqual([{ name: 'scrm-bench-1' }]);
    } finally {
      await warehouse.close();
    }
  });
});
