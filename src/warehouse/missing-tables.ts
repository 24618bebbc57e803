import type { Warehouse } from './types.js';

/** The tables of `tables` that do not exist yet, so a stage can skip what it cannot read and say why. */
export async function missingTables(warehouse: Warehouse, tables: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const table of tables) if (!(await warehouse.tableExists(table))) missing.push(table);
  return missing;
}
