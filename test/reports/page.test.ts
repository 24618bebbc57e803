import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { writeWeeklyReport, type WeeklyReportSummary } from '../../src/reports/run.js';
import { parseIsoWeek } from '../../src/reports/week.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { openPage, type LoadedPage } from './browser.js';
import { FIXTURE_DEFINITIONS, loadServiceFixture } from './fixture-service.js';

describe('the weekly HTML page (fixture tables, headless Chromium)', () => {
  let warehouse: Warehouse;
  let summary: WeeklyReportSummary;
  let loaded: LoadedPage;

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadServiceFixture(warehouse);
    const outDir = mkdtempSync(join(tmpdir(), 'scrm-page-'));
    summary = await writeWeeklyReport(warehouse, configSchema.parse({}), { week: parseIsoWeek('2026-W47'), outDir, definitionsDir: FIXTURE_DEFINITIONS });
    loaded = await openPage(summary.files.html);
    await loaded.page.waitForSelector('body[data-charts-ready=true]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await loaded?.close();
    await warehouse?.close();
  });

  it('is one self-contained file: no external scripts, styles or requests', async () => {
    expect(await loaded.page.locator('script[src], link[href], img[src], iframe').count()).toBe(0);
    expect(await loaded.page.locator('script:not([src])').count()).toBe(5);
    expect(readFileSync(summary.files.html, 'utf8')).toContain('vega-embed');
    expect(loaded.outsideRequests).toEqual([]);
  });

  it('renders every chart as SVG without console errors', async () => {
    const charts = loaded.page.locator('figure.chart');
    expect(await charts.count()).toBe(summary.files.charts.length);
    for (const chart of await charts.all()) {
      expect(await chart.locator('svg.marks').count()).toBe(1);
      expect(await chart.locator('svg.marks path, svg.marks rect').count()).toBeGreaterThan(10);
    }
    expect(loaded.errors).toEqual([]);
  });

  it('shows the figures the tables hold, for both weeks', async () => {
    const expected = async (from: string, to: string) =>
      (
        await warehouse.query<{ answered: number; worst: number; rate: number }>(
          `SELECT sum(answered_turns) AS answered, max(median_response_s) AS worst, sum(within_sla_turns) / sum(answered_turns) AS rate
           FROM fx_service_daily WHERE local_date >= CAST({from} AS Date) AND local_date < CAST({to} AS Date)`,
          { from, to },
        )
      )[0];
    const now = await expected('2026-11-16', '2026-11-23');
    const before = await expected('2026-11-09', '2026-11-16');
    const card = (column: string) => loaded.page.locator(`section[data-report=service] .figure[data-figure=${column}]`);
    const shown = async (column: string) => ({
      value: Number(await card(column).getAttribute('data-value')),
      previous: Number(await card(column).getAttribute('data-previous')),
      text: await card(column).locator('.value').innerText(),
      offTarget: (await card(column).getAttribute('class'))!.includes('off-target'),
    });
    expect(await shown('answered_turns')).toEqual({ value: now.answered, previous: before.answered, text: '720', offTarget: false });
    expect(await shown('worst_median_s')).toEqual({ value: now.worst, previous: before.worst, text: '3:20', offTarget: true });
    expect(await shown('within_sla_rate')).toEqual({ value: now.rate, previous: before.rate, text: '75.0 %', offTarget: true });
    expect(await card('within_sla_rate').locator('.change.unusual').innerText()).toBe('−16.7 %');
    expect(await card('answered_turns').locator('.change.unusual').count()).toBe(0);
  });

  it('shows the agent table with last week’s change and the slow agent highlighted', async () => {
    const rows = loaded.page.locator('table[data-table=agents] tbody tr');
    const agents = await warehouse.query<{ agent_id: string; answered_turns: number }>(
      "SELECT agent_id, answered_turns FROM fx_agent_weekly WHERE iso_week = '2026-W47' ORDER BY answered_turns DESC LIMIT 3",
    );
    expect(await rows.locator('td[data-column=agent_id]').allInnerTexts()).toEqual(agents.map((a) => a.agent_id));
    expect((await rows.locator('td[data-column=answered_turns]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')))).map(Number)).toEqual(
      agents.map((a) => a.answered_turns),
    );
    expect(await loaded.page.locator('table[data-table=agents] tr.highlighted td[data-column=agent_id]').allInnerTexts()).toEqual(['carlos']);
    expect(await loaded.page.locator('table[data-table=agents] td.unusual').allInnerTexts()).toEqual(['+33.3 %']);
  });

  it('says when an optional report has no data instead of failing', async () => {
    expect(await loaded.page.locator('section[data-report=churn] .unavailable').innerText()).toBe('Not available for 2026-W47: missing table fx_missing_scores.');
  });
});
