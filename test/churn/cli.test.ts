import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runTransform } from '../../src/transform/run.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import { simulateWorld } from './world.js';

const run = promisify(execFile);
const SCRM = join(process.cwd(), 'bin', 'scrm.js');

async function scrm(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRM, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('scrm churn train / score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-churn-cli-'));
  const warehouse = join(dir, 'w.duckdb');
  const models = join(dir, 'models');
  const configFile = join(dir, 'scrm.config.json');
  const args = ['--config', configFile, '--warehouse', warehouse];

  beforeAll(async () => {
    writeFileSync(configFile, JSON.stringify({ churn: { model_dir: models, bands: { high: 0.5, medium: 0.2 } } }));
    const w = await DuckDBWarehouse.open({ path: warehouse });
    await initWarehouse(w);
    await simulateWorld({ customers: 150, days: 300, seed: 3, start: '2026-01-01' }).landing.load(w);
    await runTransform(w, configSchema.parse({}));
    await w.close();
  });

  it('says what to do when there is no model yet', async () => {
    const result = await scrm([...args, 'churn', 'score']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no churn model in ${models}: run \`scrm churn train\` first`);
  });

  it('trains, prints the held-out figures and writes the artifact and model card', async () => {
    const text = await scrm([...args, 'churn', 'train']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/held-out evaluation at 2026-08-28 \(\d+ customers, churn rate 0\.\d{3}\):/);
    expect(text.stdout).toMatch(/^model\s+ROC AUC 0\.\d{3}\s+PR AUC/m);
    expect(text.stdout).toMatch(/^recency only\s+ROC AUC/m);
    const artifact = /^model: (.+\.json)$/m.exec(text.stdout)?.[1];
    const card = /^model card: (.+\.md)$/m.exec(text.stdout)?.[1];
    expect(artifact && existsSync(artifact)).toBe(true);
    expect(card && existsSync(card)).toBe(true);
    expect(JSON.parse(readFileSync(artifact!, 'utf8')).metrics.test.roc_auc).toBeGreaterThan(0.8);
  });

  it('scores with the configured bands and writes churn_scores', async () => {
    const summary = JSON.parse((await scrm([...args, '--json', 'churn', 'score', '--as-of', '2026-09-30'])).stdout);
    expect(summary.as_of).toBe('2026-09-30');
    const w = await DuckDBWarehouse.open({ path: warehouse });
    const bands = await w.query('select risk_band, min(probability) as low, max(probability) as high, count(*) as n from churn_scores group by risk_band');
    await w.close();
    const byBand = Object.fromEntries(bands.map((row) => [row.risk_band, row]));
    expect(byBand.high.low).toBeGreaterThanOrEqual(0.5);
    expect(byBand.medium.low).toBeGreaterThanOrEqual(0.2);
    expect(byBand.medium.high).toBeLessThan(0.5);
    expect(byBand.low.high).toBeLessThan(0.2);
    expect(bands.reduce((sum, row) => sum + (row.n as number), 0)).toBe(summary.customers);
  });
});
