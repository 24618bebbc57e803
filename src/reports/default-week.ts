import type { Warehouse } from '../warehouse/types.js';
import { lastCompleteWeek, lastWeekEndingBy, type IsoWeek } from './week.js';

/**
 * The week a report is for when none is named: the last complete week by the clock, or the last
 * complete week of the data when the data ends earlier (a demo data set, a restored backup), so
 * an unattended run never reports an empty week that merely has not been loaded.
 */
export async function defaultReportWeek(warehouse: Warehouse, timezone: string, now: Date = new Date()): Promise<IsoWeek> {
  const byClock = lastCompleteWeek(timezone, now);
  if (!(await warehouse.tableExists('mart_service_daily'))) return byClock;
  const [{ days, last_date }] = await warehouse.query<{ days: number; last_date: string }>(
    'SELECT count(*) AS days, max(local_date) AS last_date FROM mart_service_daily',
  );
  if (Number(days) === 0) return byClock;
  const byData = lastWeekEndingBy(last_date);
  return byData.start < byClock.start ? byData : byClock;
}
