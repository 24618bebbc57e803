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

/** The generator's data set, ingested and modelled like the demo does, judged by the shipped rules. */
describe('the shipped rules on the generated demo data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-demo-alerts-'));
  const config = configSchema.parse({});
  let warehouse: Warehouse;
  let planted: PlantedAnomaly[];
  let raised: Alert[];

  beforeAll(async () => {
    const data = join(dir, 'data');
    await generateDataset({ outDir: data, customers: 500, days: 150, seed: 'alerts-demo', timezone: config.timezone });
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

  it('finds the planted complaint spike, and no other day of the 150 as one', () => {
    const spike = planted.find((a) => a.kind === 'complaint_spike') as PlantedAnomaly;
    const spikes = raised.filter((a) => a.rule_id === 'complaint_spike');
    expect(spikes.length).toBeGreaterThan(0);
    for (const alert of spikes) expect(alert.period_start >= spike.first_date && alert.period_start <= spike.last_date).toBe(true);
  });
});
