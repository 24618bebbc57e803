import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import { runAlerts } from '../../src/alerts/run.js';
import { configSchema } from '../../src/config/schema.js';
import { generateDataset } from '../../src/generate/generate.js';
import { runTransform } from '../../src/transform/run.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { ingestGeneratedDataset } from '../helpers/generated-dataset.js';

interface PlantedAnomaly {
  kind: 'complaint_spike' | 'volume_drop';
  first_date: string;
  last_date: string;
}

/** Alerts of a rule whose period starts inside / outside the planted days of an anomaly. */
function split(raised: Alert[], rule: string, anomaly: PlantedAnomaly): { hits: string[]; noise: string[] } {
  const inside = (a: Alert) => a.period_start >= anomaly.first_date && a.period_start <= anomaly.last_date;
  const own = raised.filter((a) => a.rule_id === rule);
  return { hits: own.filter(inside).map((a) => a.period_start), noise: own.filter((a) => !inside(a)).map((a) => a.period_start) };
}

/**
 * The generator's data set, ingested and modelled like the demo does, judged by the shipped rules.
 * 1,000 customers: at 500, a day at 28 % of its usual volume is no more improbable than ordinary
 * days, whose message counts spread nine times wider than a Poisson count's.
 */
describe('the shipped rules on the generated demo data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-demo-alerts-'));
  const config = configSchema.parse({});
  let warehouse: Warehouse;
  let planted: PlantedAnomaly[];
  let raised: Alert[];

  beforeAll(async () => {
    const data = join(dir, 'data');
    await generateDataset({ outDir: data, customers: 1000, days: 150, seed: 'alerts-demo', timezone: config.timezone });
    planted = (JSON.parse(readFileSync(join(data, 'ground-truth.json'), 'utf8')) as { anomalies: PlantedAnomaly[] }).anomalies;
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await initWarehouse(warehouse);
    await ingestGeneratedDataset(warehouse, config, data);
    await runTransform(warehouse, config);
    raised = (await runAlerts(warehouse, config, { all: true, date: '2026-11-22' })).raised;
  });
  afterAll(async () => warehouse?.close());

  it('finds both days of the planted volume drop', () => {
    const drop = planted.find((a) => a.kind === 'volume_drop') as PlantedAnomaly;
    const days = raised.filter((a) => a.rule_id === 'inbound_volume_drop' && a.period_start >= drop.first_date && a.period_start <= drop.last_date);
    expect(days.map((a) => a.period_start)).toEqual([drop.first_date, drop.last_date]);
  });

  it('raises the volume-drop and complaint-rate rules on the planted days, and almost never on the 150 others', () => {
    const drop = planted.find((a) => a.kind === 'volume_drop') as PlantedAnomaly;
    const spike = planted.find((a) => a.kind === 'complaint_spike') as PlantedAnomaly;
    const volume = split(raised, 'inbound_volume_drop', drop);
    expect(volume.hits).toHaveLength(2);
    expect(volume.noise.length).toBeLessThanOrEqual(2);
    const complaintRuns = split(raised, 'complaint_rate_high', spike);
    expect(complaintRuns.hits).toEqual([spike.first_date]);
    expect(complaintRuns.noise.length).toBeLessThanOrEqual(1);
  });

  it('raises no more than a handful of revenue outliers, conversion drops or failure spikes where nothing was planted', () => {
    // The generator plants none: each of these is a false alarm, on heavy-tailed daily revenue, on
    // weekly conversions of a few dozen customers, and on failure rates of a few failures a day
    // whose campaign days fail several times more often than the others.
    expect(raised.filter((a) => a.rule_id === 'revenue_outlier').length).toBeLessThanOrEqual(3);
    expect(raised.filter((a) => a.rule_id === 'conversion_drop').length).toBeLessThanOrEqual(1);
    expect(raised.filter((a) => a.rule_id === 'failure_rate_spike').length).toBeLessThanOrEqual(1);
  });

  it('finds the planted complaint spike, and no other day of the 150 as one', () => {
    const spike = planted.find((a) => a.kind === 'complaint_spike') as PlantedAnomaly;
    const spikes = raised.filter((a) => a.rule_id === 'complaint_spike');
    expect(spikes.length).toBeGreaterThan(0);
    for (const alert of spikes) expect(alert.period_start >= spike.first_date && alert.period_start <= spike.last_date).toBe(true);
  });
});
