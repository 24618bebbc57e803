import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlTemplates } from '../../src/transform/template.js';
import { MODELS_DIR } from '../../src/transform/project.js';
import { templateVars } from '../../src/transform/vars.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { modelConfig } from './build.js';
import { random } from '../helpers/random.js';

/** METRICS.md: exact median (mean of the two middle values when even), nearest-rank p90. */
function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}
function p90(sorted: number[]): number {
  return sorted[Math.ceil((9 * sorted.length) / 10) - 1];
}

/** The local calendar by an independent oracle (Intl), with the ISO week worked out by hand. */
function localCalendar(zone: string, ms: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  const day = Date.parse(`${date}T00:00:00Z`);
  const monday = new Date(day - (weekday - 1) * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000)) + 1;
  return {
    local_date: date,
    local_hour: Number(parts.hour),
    local_weekday: weekday,
    week_start: monday.toISOString().slice(0, 10),
    iso_week: `${isoYear}-W${String(week).padStart(2, '0')}`,
  };
}

const INSTANTS = [
  '2026-03-29T00:59:59.999Z', // Madrid: last instant of winter time
  '2026-03-29T01:00:00Z', // Madrid: first instant of summer time
  '2026-10-25T00:30:00Z', // Madrid: 02:30 summer time
  '2026-10-25T01:30:00Z', // Madrid: 02:30 winter time (the repeated hour)
  '2026-11-22T23:30:00Z', // Sunday in UTC, Monday in Hong Kong
  '2026-12-31T18:00:00Z', // ISO week 2026-W53
  '2027-01-03T15:59:59Z', // still 2026-W53 in Hong Kong
  '2027-01-03T16:00:00Z', // 2027-W01 in Hong Kong
  '2026-11-01T06:30:00Z', // St John's falls back at 04:30 UTC
  '2026-04-05T12:00:00.500Z',
].map((iso) => Date.parse(iso));

const ZONES = ['Asia/Hong_Kong', 'Europe/Madrid', 'America/Mexico_City', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];

describe.each(TARGETS)('macros on $name', (target) => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await target.open();
  });
  afterAll(async () => warehouse?.close());

  it('computes the exact median and the nearest-rank p90 of 0 to 60 values, skipping NULLs and rows the condition leaves out', async () => {
    const templates = await SqlTemplates.create(warehouse.engine, MODELS_DIR, templateVars(modelConfig()));
    const rnd = random(42);
    for (let n = 0; n <= 60; n++) {
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 1000) / 4);
      // Rows arrive unsorted, beside NULLs and negative values the condition drops.
      const rows = [...values, -1, -2.5].map((v) => String(v)).concat('NULL').sort(() => rnd() - 0.5);
      const { sql } = templates.renderString(
        `SELECT {{ median_of('s') }} AS m, {{ p90_of('s') }} AS p
         FROM (SELECT {{ order_stats('v', 'v >= 0') }} AS s FROM (SELECT {{ explode('[${rows.join(', ')}]') }} AS v) vs) stats`,
      );
      const [row] = await warehouse.query(sql);
      const sorted = [...values].sort((a, b) => a - b);
      expect({ n, m: row.m, p: row.p }).toEqual({ n, m: n ? median(sorted) : null, p: n ? p90(sorted) : null });
    }
  });

  it.each(ZONES)('derives the local calendar in %s like the time-zone database does', async (zone) => {
    const templates = await SqlTemplates.create(warehouse.engine, MODELS_DIR, templateVars(modelConfig({ timezone: zone })));
    const { sql } = templates.renderString(
      `SELECT x, {{ local_date('x') }} AS local_date, {{ local_hour('x') }} AS local_hour, {{ local_weekday('x') }} AS local_weekday,
              {{ week_start(local_date('x')) }} AS week_start, {{ iso_week(week_start(local_date('x'))) }} AS iso_week
       FROM (SELECT CAST({{ explode('[${INSTANTS.join(', ')}]') }} AS BIGINT) AS x) instants`,
    );
    const rows = (await warehouse.query(sql)).sort((a, b) => Number(a.x) - Number(b.x));
    expect(rows.map(({ x, ...calendar }) => ({ at: new Date(Number(x)).toISOString(), ...calendar }))).toEqual(
      [...INSTANTS].sort((a, b) => a - b).map((ms) => ({ at: new Date(ms).toISOString(), ...localCalendar(zone, ms) })),
    );
  });
});
