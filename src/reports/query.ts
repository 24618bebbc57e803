import type { Params, Row, Warehouse } from '../warehouse/types.js';
import type { IsoWeek } from './week.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Values a report query may reference. Dates are 'YYYY-MM-DD' strings: compare them to date
 * columns through `CAST({week_start} AS Date)`, which both engines accept.
 */
export function weekParams(week: IsoWeek, settings: { slaSeconds: number }): Params {
  return {
    week: week.label,
    iso_year: week.isoYear,
    iso_week: week.isoWeek,
    week_start: week.start,
    week_last_day: week.lastDay,
    week_end: week.end,
    sla_seconds: settings.slaSeconds,
  };
}

/** Runs a report query, binding only the parameters it references (the drivers refuse unused ones). */
export async function runReportQuery(warehouse: Warehouse, sql: string, params: Params, source: string): Promise<Row[]> {
  const used = new Set(Array.from(sql.matchAll(PLACEHOLDER), (m) => m[1]));
  const bound: Record<string, Params[string]> = {};
  for (const name of used) {
    if (!(name in params)) throw new Error(`report query ${source}: unknown parameter {${name}} (known: ${Object.keys(params).join(', ')})`);
    bound[name] = params[name];
  }
  try {
    return await warehouse.query(sql, bound);
  } catch (error) {
    throw new Error(`report query ${source} failed on ${warehouse.engine}: ${(error as Error).message}`);
  }
}
