import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import { runScrm } from '../harness/cli.js';
import { FIXTURE_DEFINITIONS, loadServiceFixture } from './fixture-service.js';

describe('scrm report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-report-cli-'));
  const warehouse = join(dir, 'w.duckdb');
  const config = join(dir, 'scrm.config.json');

  beforeAll(async () => {
    const db = await DuckDBWarehouse.open({ path: warehouse });
    await loadServiceFixture(db);
    await db.close();
    writeFileSync(config, JSON.stringify({ reports: { definitions: FIXTURE_DEFINITIONS, out_dir: join(dir, 'reports') } }));
  });

  it('writes the week into <out_dir>/<week> and prints a typed summary', async () => {
    const result = await runScrm(['--config', config, '--warehouse', warehouse, '--json', 'report', '--week', '2026-W47']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.outDir).toBe(join(dir, 'reports', '2026-W47'));
    expect(summary.files.charts).toHaveLength(2);
    for (const file of [summary.files.workbook, summary.files.html, ...summary.files.charts.flatMap((c: Record<string, string>) => [c.vegaLite, c.svg, c.png])]) {
      expect(existsSync(file)).toBe(true);
    }
  });

  it('honours --out and says in words what it wrote', async () => {
    const out = join(dir, 'elsewhere');
    const result = await runScrm(['-c', config, '-w', warehouse, 'report', '--week', '2026-W46', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`weekly report 2026-W46 (vs 2026-W45)`);
    expect(result.stdout).toContain(join(out, 'weekly-report-2026-W46.xlsx'));
    expect(result.stderr).toContain('warning: churn: Not available for 2026-W46: missing table fx_missing_scores.');
  });

  it('rejects a week that does not exist as a usage error', async () => {
    const result = await runScrm(['-c', config, '-w', warehouse, 'report', '--week', '2025-W53']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('week "2025-W53": 2025 has ISO weeks 01 to 52');
  });

  it('stops with the missing mart named when a required report cannot run', async () => {
    const empty = join(dir, 'landing-only.duckdb');
    const db = await DuckDBWarehouse.open({ path: empty });
    await initWarehouse(db);
    await db.close();
    const result = await runScrm(['-c', config, '-w', empty, 'report', '--week', '2026-W47']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/report service: missing tables fx_service_daily, fx_agent_weekly, fx_heatmap \(build the marts first: scrm transform\)/);
  });
});
