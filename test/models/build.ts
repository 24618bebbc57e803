import { configSchema, type Config, type ConfigInput } from '../../src/config/schema.js';
import { runTransform } from '../../src/transform/run.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import type { Target } from '../harness/targets.js';
import type { Landing } from './landing.js';

export function modelConfig(input: ConfigInput = {}): Config {
  return configSchema.parse(input);
}

/** A fresh warehouse on the target with the landing rows loaded and every model built. */
export async function buildModels(target: Target, landing: Landing, config: Config = modelConfig()): Promise<Warehouse> {
  const warehouse = await target.open();
  await initWarehouse(warehouse);
  await landing.load(warehouse);
  await runTransform(warehouse, config);
  return warehouse;
}

/** Rows of a query with floats rounded to 9 decimals, so exact expectations read naturally. */
export async function rows(warehouse: Warehouse, sql: string): Promise<Row[]> {
  const result = await warehouse.query(sql);
  return result.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e9) / 1e9 : value])),
  );
}
