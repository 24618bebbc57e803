import type { Warehouse } from '../types.js';

/** Features differ between the 18.16 we test against and current releases; this is the one probe. */
export async function clickhouseVersionAtLeast(warehouse: Warehouse, major: number, minor: number): Promise<boolean> {
  const [row] = await warehouse.query<{ v: string }>('SELECT version() AS v');
  const [hasMajor, hasMinor] = row.v.split('.').map(Number);
  return hasMajor > major || (hasMajor === major && hasMinor >= minor);
}
