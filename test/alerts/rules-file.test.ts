import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadRules } from '../../src/alerts/load-rules.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { TIMEZONE, day, loadFixtures, PLANTED } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'scrm-rules-'));

function rulesFile(content: unknown, name = 'rules.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  return path;
}

const source = { kpi_daily: { grain: 'day' } };
const rule = { id: 'spike', kind: 'threshold', source: 'kpi_daily', metric: 'complaint_rate', above: 0.05 };

describe('the alert rules file', () => {
  it('ships a valid default file whose sources have a query for each engine', () => {
    for (const engine of ['duckdb', 'clickhouse'] as const) {
      const rules = loadRules('config/alert-rules.yaml', engine);
      expect(rules.rules.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['change', 'outlier', 'quota', 'threshold']));
      expect(rules.sources.get('unsolicited_templates_daily')?.sqlFile).toMatch(new RegExp(`unsolicited_templates_daily\\.${engine}\\.sql$`));
      expect(rules.sources.get('kpi_daily')?.sqlFile).toMatch(/kpi_daily\.sql$/);
    }
  });

  it('fills defaults for what a rule leaves out', () => {
    const rules = loadRules(rulesFile({ sources: source, rules: [rule, { ...rule, id: 'drop', kind: 'outlier', above: undefined }] }), 'duckdb');
    expect(rules.rules[0]).toMatchObject({ consecutive: 1, severity: 'warning', exclude: [] });
    expect(rules.rules[1]).toMatchObject({ window: 28, min_history: 14, z: 3.5, direction: 'both', min_deviation: 0 });
  });

  it.each([
    [{ sources: source, rules: [{ ...rule, above: undefined }] }, /rules\.0 \(rule "spike"\): give exactly one of "above" or "below"/],
    [{ sources: source, rules: [{ ...rule, below: 0.1 }] }, /rules\.0 \(rule "spike"\): give exactly one of "above" or "below"/],
    [{ sources: source, rules: [{ ...rule, consecutive: 0 }] }, /rules\.0\.consecutive \(rule "spike"\): Too small/],
    [{ sources: source, rules: [{ ...rule, kind: 'trend' }] }, /rules\.0\.kind \(rule "spike"\): Invalid discriminator value\. Expected 'threshold' \| 'change'/],
    [{ sources: source, rules: [{ ...rule, treshold: 1 }] }, /rules\.0: unknown key "treshold"/],
    [{ sources: source, rules: [rule, rule] }, /rules\.1\.id: rule id "spike" is used twice/],
    [{ sources: source, rules: [{ ...rule, source: 'kpi_weekly' }] }, /rules\.0\.source: unknown source "kpi_weekly" \(declared: kpi_daily\)/],
    [{ sources: { kpi_daily: { grain: 'hour' } }, rules: [] }, /sources\.kpi_daily\.grain: Invalid option/],
    [{ sources: { nowhere: { grain: 'day' } }, rules: [] }, /sources\.nowhere: no query file; expected one of .*nowhere\.duckdb\.sql/],
    [{ sources: { kpi_daily: { grain: 'day', sql: 'no/such.sql' } }, rules: [] }, /sources\.kpi_daily\.sql: file not found: no\/such\.sql/],
    [
      { sources: source, rules: [{ id: 'o', kind: 'outlier', source: 'kpi_daily', metric: 'x', window: 7, min_history: 14 }] },
      /rules\.0\.min_history \(rule "o"\): "min_history" cannot exceed "window"/,
    ],
    [
      { sources: source, rules: [{ id: 'c', kind: 'change', source: 'kpi_daily', metric: 'x', compare: 'same_weekday', dispersion_window: 56 }] },
      /rules\.0\.dispersion_window \(rule "c"\): "dispersion_window" needs "alpha"/,
    ],
    [
      { sources: source, rules: [{ id: 'c', kind: 'change', source: 'kpi_daily', metric: 'x', compare: 'previous_period', support: 'n', alpha: 0.01, dispersion_window: 8 }] },
      /rules\.0\.dispersion_window \(rule "c"\): give "support" \(a rate\) or "dispersion_window" \(a count\), not both/,
    ],
    [{ sources: source, rules: [{ ...rule, support: 'conversations', confidence: 1 }] }, /rules\.0\.confidence \(rule "spike"\): Too big/],
    [{ sources: source, rules: [{ id: 'o', kind: 'outlier', source: 'kpi_daily', metric: 'x', scale: 'sqrt' }] }, /rules\.0\.scale \(rule "o"\): Invalid option/],
    ['rules: [\n  - id: x\n  kind: threshold', /not valid YAML/],
  ])('names the file and the key of a bad rule (%#)', (content, message) => {
    const path = rulesFile(content);
    expect(() => loadRules(path, 'duckdb')).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    expect(() => loadRules(path, 'duckdb')).toThrow(message);
  });

  it('says which source lacks the metric a rule reads', async () => {
    const warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadFixtures(warehouse);
    const path = rulesFile({ sources: source, rules: [{ ...rule, metric: 'complaints' }] });
    const { runAlerts } = await import('../../src/alerts/run.js');
    await expect(runAlerts(warehouse, { timezone: TIMEZONE, alerts: { rules: path, lookback_days: 7 } }, { date: day(70) })).rejects.toThrow(
      /rule spike: source kpi_daily \(.*kpi_daily\.sql\) has no column "complaints"; it has inbound_messages, /,
    );
    await warehouse.close();
  });
});

describe('scrm alert', () => {
  const run = promisify(execFile);
  const scrm = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(process.cwd(), 'bin', 'scrm.js'), ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  };

  it('raises the planted alerts once, reports skipped sources, and exits 2 on a bad rules file', async () => {
    const path = join(dir, 'cli.duckdb');
    const warehouse = await DuckDBWarehouse.open({ path });
    await loadFixtures(warehouse);
    await warehouse.exec('DROP TABLE mart_funnel');
    await warehouse.close();

    const first = await scrm(['alert', '--date', day(62), '--warehouse', path]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`judged ${day(56)} to ${day(62)}: 1 new alerts, 0 raised before`);
    expect(first.stdout).toContain(`[critical] Complaint rate was above 5.0 % for 3 consecutive days from ${day(PLANTED.complaintRuns[0][0])} to ${day(62)}`);
    expect(first.stdout).toContain('skipped source funnel_weekly: table mart_funnel does not exist yet');

    const again = await scrm(['alert', '--date', day(62), '--warehouse', path, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ raised: [], already_raised: 1, as_of: day(62) });

    const config = join(dir, 'bad-rules.json');
    writeFileSync(config, JSON.stringify({ alerts: { rules: rulesFile({ sources: source, rules: [{ ...rule, above: 'high' }] }, 'bad.yaml') } }));
    const bad = await scrm(['alert', '--config', config, '--warehouse', path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^scrm: config error: .*bad\.yaml: rules\.0\.above \(rule "spike"\): Invalid input: expected number, received string$/);

    expect((await scrm(['alert', '--date', '2026-13-01', '--warehouse', path])).stderr).toMatch(/--date: expected a date as YYYY-MM-DD/);
  });
});
