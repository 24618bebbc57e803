import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { latestTenMillionDags, renderReadme, type BenchReport } from '../../bench/readme.js';

function report(at: string, messages: number, dags: Record<string, number[]>, cpu = 'test'): BenchReport {
  return {
    at,
    options: { messages, runs: 1, reportCustomers: 100_000 },
    machine: { cores: 2, cpu, memory_gb: 1, kernel: 'test' },
    versions: {},
    stages: Object.entries(dags).map(([engine, runs]) => ({
      stage: `models-${engine}`,
      peak_rss_mb: 1,
      wall_seconds: 1,
      load_average_before: 0,
      load_average_after: 0,
      results: [{ name: 'models_dag', engine, metric: 'seconds', value: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)], runs, details: { models: 63, model_ms: { stg_messages: 1000 } } }],
    })),
    failed: [],
  };
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the DAG target is judged on the latest 10 M run of each engine on record, else projected', () => {
  dir = mkdtempSync(join(tmpdir(), 'scrm-bench-readme-'));
  writeFileSync(join(dir, 'old-10m.json'), JSON.stringify(report('2026-01-01T00:00:00Z', 10_000_000, { clickhouse: [108.5] })));
  writeFileSync(join(dir, 'new-10m.json'), JSON.stringify(report('2026-02-01T00:00:00Z', 10_000_000, { clickhouse: [59.2, 57.2, 54] }, 'AMD EPYC')));
  writeFileSync(join(dir, '1m.json'), JSON.stringify(report('2026-03-01T00:00:00Z', 1_000_000, { duckdb: [8.2], clickhouse: [6.3] })));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ models: [] }));

  const tenMillion = latestTenMillionDags(dir);
  expect(tenMillion).toEqual([{ engine: 'clickhouse', seconds: 57.2, runs: [59.2, 57.2, 54], file: 'new-10m.json', cpu: 'AMD EPYC' }]);

  const readme = renderReadme(report('2026-03-01T00:00:00Z', 1_000_000, { duckdb: [8.2], clickhouse: [6.3] }), tenMillion);
  expect(readme).toContain('| model DAG (63 models) | duckdb | 8.2 s | ≤ 60 s at 10 M | **missed** (linear projection 82 s) |');
  expect(readme).toContain('| model DAG (63 models) | clickhouse | 6.3 s | ≤ 60 s at 10 M | judged at 10 M (linear projection 63 s) |');
  expect(readme).toContain('| model DAG (63 models) at 10 M messages (`new-10m.json`, runs 59.2 / 57.2 / 54.0, AMD EPYC) | clickhouse | 57.2 s | ≤ 60 s | met |');
});
