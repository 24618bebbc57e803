import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { collectReport, type ReportResult } from '../../src/reports/collect.js';
import { onTarget, relativeChange, resolveTarget } from '../../src/reports/compare.js';
import { formatValue, unitSuffix } from '../../src/reports/format.js';
import { loadReportDefinitions, type LoadedReport } from '../../src/reports/load.js';
import { writeWeeklyReport, type WeeklyReportSummary } from '../../src/reports/run.js';
import { reportsStage } from '../../src/reports/stage.js';
import { defaultReportWeek } from '../../src/reports/default-week.js';
import { lastWeekEndingBy, parseIsoWeek, previousWeek } from '../../src/reports/week.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { conditionalFormats, excelNumber } from './workbook.js';
import { openPage, type LoadedPage } from './browser.js';
import { expectedFigures, latestScores, type Figures } from './oracle.js';
import { buildReportWarehouse, REPORT_CONFIG, REPORT_WEEK } from './weekly-data.js';

const WEEK = parseIsoWeek(REPORT_WEEK);
const PREVIOUS = previousWeek(WEEK);
const WEEKS = { current: WEEK, previous: PREVIOUS };
const SETTINGS = { normalRange: REPORT_CONFIG.reports.normal_range, slaSeconds: REPORT_CONFIG.sla_seconds };
const definitions = loadReportDefinitions(projectPath('reports'));

/** DuckDB's collected reports, the reference for the other engines. */
let reference: ReportResult[] | undefined;

describe('the weekly reports over the real marts (DuckDB)', () => {
  let warehouse: Warehouse;
  let summary: WeeklyReportSummary;
  let workbook: ExcelJS.Workbook;
  let expected: { current: Figures; previous: Figures };

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await buildReportWarehouse(warehouse);
    const outDir = join(mkdtempSync(join(tmpdir(), 'scrm-weekly-')), REPORT_WEEK);
    summary = await writeWeeklyReport(warehouse, REPORT_CONFIG, { week: WEEK, outDir });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(summary.files.workbook);
    // The same data modelled as of the previous week's Sunday: its segments, the plain way.
    const asOfPrevious = await DuckDBWarehouse.open({ path: ':memory:' });
    try {
      await buildReportWarehouse(asOfPrevious, undefined, { ...REPORT_CONFIG, as_of: PREVIOUS.lastDay });
      expected = {
        current: await expectedFigures(warehouse, WEEK, REPORT_CONFIG.sla_seconds),
        previous: await expectedFigures(warehouse, PREVIOUS, REPORT_CONFIG.sla_seconds, asOfPrevious),
      };
    } finally {
      await asOfPrevious.close();
    }
    reference = [];
    for (const report of definitions) reference.push(await collectReport(warehouse, report, WEEKS, SETTINGS));
  });
  afterAll(() => warehouse?.close());

  it('produces every report, with data for both weeks and nothing to warn about', () => {
    expect(summary.reports.map((r) => r.id)).toEqual(['service', 'funnel', 'cost', 'churn', 'segments']);
    expect(summary.warnings).toEqual([]);
    for (const column of ['answered_turns', 'contacted', 'cost', 'sent', 'scored_customers', 'segmented_customers']) {
      expect(expected.current[column], column).toBeGreaterThan(0);
    }
    expect(expected.previous.scored_customers).toBeGreaterThan(0);
    expect(expected.previous.segmented_customers).toBeGreaterThan(0);
    // Segments move between the two Sundays: a report reading one date for both weeks would show it.
    expect(['high_intent', 'lost', 'potential', 'active', 'dormant'].some((segment) => expected.previous[segment] !== expected.current[segment])).toBe(true);
  });

  it('has one sheet per report, then the raw-data sheets', () => {
    const raw = definitions.flatMap((d) => d.definition.raw.map((r) => r.sheet));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Service', 'Sales funnel', 'Cost & benefit', 'Churn risk', 'Segments', ...raw]);
  });

  it('sizes each report sheet’s first column to its longest metric label and freezes the titles', () => {
    for (const { definition } of definitions) {
      const sheet = workbook.getWorksheet(definition.sheet)!;
      const longest = Math.max(...definition.figures.flatMap((g) => g.items.map((item) => (item.label + unitSuffix(item.format)).length)));
      expect(sheet.getColumn(1).width, definition.sheet).toBeGreaterThanOrEqual(Math.min(longest + 2, 60));
      expect(sheet.views[0], definition.sheet).toMatchObject({ state: 'frozen', ySplit: 2 });
    }
  });

  it('shows every figure as the marts give it, for the week and the one before, with the change and the target status', () => {
    for (const { definition } of definitions) {
      const sheet = workbook.getWorksheet(definition.sheet)!;
      const labels = sheet.getColumn(1).values;
      for (const figure of definition.figures.flatMap((group) => group.items)) {
        const where = `${definition.id}.${figure.column}`;
        expect(Object.keys(expected.current), `${where} has an expected value`).toContain(figure.column);
        const row = labels.indexOf(figure.label + unitSuffix(figure.format));
        expect(row, `${where} row`).toBeGreaterThan(0);
        const now = expected.current[figure.column];
        const before = expected.previous[figure.column];
        expectCell(sheet.getCell(row, 2), now, figure.format, `${where} this week`);
        expectCell(sheet.getCell(row, 3), before, figure.format, `${where} previous week`);
        const change = relativeChange(now, before);
        if (change === null) expect(sheet.getCell(row, 4).value, where).toBeNull();
        else expect(sheet.getCell(row, 4).value as number, `${where} change`).toBeCloseTo(change, 9);
        const status = onTarget(now, resolveTarget(figure.target, SETTINGS));
        expect(sheet.getCell(row, 7).value, `${where} status`).toBe(status === null ? '' : status ? 'on target' : 'off target');
      }
    }
  });

  it('lists the agents of mart_agent_weekly, busiest first, slow agents highlighted', async () => {
    const agents = await warehouse.query<{ agent_id: string; answered_turns: number; mean_response_s: number; flag_slow: number }>(
      'SELECT agent_id, answered_turns, mean_response_s, flag_slow FROM mart_agent_weekly WHERE week_start = CAST({w} AS Date) ORDER BY answered_turns DESC, agent_id',
      { w: WEEK.start },
    );
    expect(agents.some((a) => a.flag_slow === 1)).toBe(true);
    const sheet = workbook.getWorksheet('Service')!;
    const header = sheet.getColumn(1).values.indexOf('Agent');
    const shown = agents.map((_, i) => sheet.getRow(header + 1 + i));
    expect(shown.map((row) => row.getCell(1).value)).toEqual(agents.map((a) => a.agent_id));
    expect(shown.map((row) => row.getCell(2).value)).toEqual(agents.map((a) => a.answered_turns));
    shown.forEach((row, i) => expect(excelNumber(row.getCell(6)) * 86400).toBeCloseTo(agents[i].mean_response_s, 2));
    expect(shown.map((row) => row.getCell(9).value)).toEqual(agents.map((a) => a.flag_slow === 1));
    const highlight = conditionalFormats(sheet).find((cf) => cf.ref === `A${header + 1}:I${header + agents.length}`);
    expect((highlight!.rules[0] as { formulae: string[] }).formulae).toEqual([`$I${header + 1}=TRUE`]);
  });

  it('shows the week’s response-time distribution, elapsed and in business hours, from the turns', async () => {
    const turns = (
      await warehouse.query<{ response_s: number; business_response_s: number }>(
        "SELECT response_s, business_response_s FROM int_service_turns WHERE clock = 'bots_count' AND answered = 1 AND week_start = CAST({w} AS Date)",
        { w: WEEK.start },
      )
    ).map((turn) => ({ elapsed: Number(turn.response_s), business: Number(turn.business_response_s) }));
    const bounds = [60, 180, 600, 3600, 14400, 86400, Infinity];
    const bucketOf = (seconds: number) => bounds.findIndex((bound) => seconds <= bound);
    const counts = (pick: (turn: { elapsed: number; business: number }) => number) => bounds.map((_, i) => turns.filter((turn) => bucketOf(pick(turn)) === i).length);
    const sheet = workbook.getWorksheet('Service')!;
    const header = sheet.getColumn(1).values.indexOf('Response time');
    const shown = bounds.map((_, i) => sheet.getRow(header + 1 + i));
    expect(shown.map((row) => row.getCell(1).value)).toEqual(['0-1m', '1-3m', '3-10m', '10-60m', '1-4h', '4-24h', '24h+']);
    expect(shown.map((row) => row.getCell(2).value)).toEqual(counts((turn) => turn.elapsed));
    expect(shown.map((row) => row.getCell(4).value)).toEqual(counts((turn) => turn.business));
    expect(counts((turn) => turn.business)).not.toEqual(counts((turn) => turn.elapsed));
  });

  it('names the customers most at risk by customer_key, with their reasons, and never shows a phone number', async () => {
    const top = (await latestScores(warehouse, WEEK))
      .sort((a, b) => Number(b.probability) - Number(a.probability) || String(a.customer_key).localeCompare(String(b.customer_key)))
      .slice(0, 25);
    const sheet = workbook.getWorksheet('Churn risk')!;
    const header = sheet.getColumn(1).values.indexOf('Customer');
    const rows = top.map((_, i) => sheet.getRow(header + 1 + i));
    expect(rows.map((row) => row.getCell(1).value)).toEqual(top.map((s) => s.customer_key));
    expect(rows.map((row) => row.getCell(4).value)).toEqual(top.map((s) => [s.reason_1, s.reason_2, s.reason_3].filter((r) => r !== null).join('; ')));
    expect(rows.map((row) => row.getCell(6).value)).toEqual(top.map((s) => Number(s.recovery_candidate) === 1));
    for (const each of workbook.worksheets) {
      each.eachRow((row) => row.eachCell((cell) => expect(String(cell.value), `${each.name}!${cell.address}`).not.toMatch(/\+\d{8,}/)));
    }
  });

  it('embeds every chart of a report as a PNG on its sheet and writes it as Vega-Lite, SVG and PNG', () => {
    for (const { definition } of definitions) {
      const images = workbook.getWorksheet(definition.sheet)!.getImages();
      expect(images, definition.id).toHaveLength(definition.charts.length);
      for (const image of images) expect(Buffer.from(workbook.getImage(Number(image.imageId)).buffer!).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(summary.files.charts).toHaveLength(definitions.reduce((n, d) => n + d.definition.charts.length, 0));
    for (const chart of summary.files.charts) {
      for (const file of [chart.vegaLite, chart.svg, chart.png]) expect(existsSync(file), file).toBe(true);
      const title = definitions.find((d) => d.definition.id === chart.report)!.definition.charts.find((c) => c.id === chart.chart)!.title;
      expect(readFileSync(chart.svg, 'utf8')).toContain(`>${title}</text>`);
    }
  });

  it('copies the marts’ rows of both weeks to the raw-data sheets', async () => {
    const rows = async (sql: string) => (await warehouse.query(sql, { a: PREVIOUS.start, b: WEEK.end })).length;
    expect(workbook.getWorksheet('Raw service daily')!.rowCount - 1).toBe(
      await rows('SELECT * FROM mart_service_daily WHERE local_date >= CAST({a} AS Date) AND local_date < CAST({b} AS Date)'),
    );
    expect(workbook.getWorksheet('Raw agents')!.rowCount - 1).toBe(
      await rows('SELECT * FROM mart_agent_weekly WHERE week_start >= CAST({a} AS Date) AND week_start < CAST({b} AS Date)'),
    );
    expect(workbook.getWorksheet('Raw heatmap')!.rowCount - 1).toBe(2 * 168);
  });

  it('reports, when no week is named, the last complete week of the clock or of the data, whichever is earlier', async () => {
    const [{ last }] = await warehouse.query<{ last: string }>('SELECT max(local_date) AS last FROM mart_service_daily');
    const dataWeek = lastWeekEndingBy(last);
    expect(dataWeek.start > WEEK.start).toBe(true);
    // A clock in the week after 2026-W47: the clock's week comes first.
    expect((await defaultReportWeek(warehouse, 'Asia/Hong_Kong', new Date(`${WEEK.end}T04:00:00Z`))).label).toBe(REPORT_WEEK);
    // A clock long after the data ends: the data's last complete week.
    expect((await defaultReportWeek(warehouse, 'Asia/Hong_Kong', new Date('2027-06-01T04:00:00Z'))).label).toBe(dataWeek.label);
  });

  it('runs as the `reports` pipeline stage, which refuses a week that does not exist', async () => {
    expect(reportsStage.options.safeParse({ week: '2025-W53' }).error?.issues[0].message).toBe('week "2025-W53": 2025 has ISO weeks 01 to 52');
    const logged: string[] = [];
    const log = { info: (line: string) => logged.push(line), warn: (line: string) => logged.push(`warn: ${line}`) };
    const progress = { start() {}, advance() {}, finish() {} };
    const out = mkdtempSync(join(tmpdir(), 'scrm-stage-'));
    const result = await reportsStage.run(
      { warehouse, config: REPORT_CONFIG, log, progress, signal: new AbortController().signal, run: { id: 'r1', pipeline: 'weekly-reports', step: 'reports' } },
      reportsStage.options.parse({ week: REPORT_WEEK, out }),
    );
    expect(result).toMatchObject({ rowsOut: 2 + 3 * summary.files.charts.length, rowsRejected: 0, detail: { week: REPORT_WEEK, outDir: out } });
    expect(result.detail!.outputs).toEqual({
      'report workbook': join(out, `weekly-report-${REPORT_WEEK}.xlsx`),
      'report page': join(out, 'index.html'),
      'report charts': join(out, 'charts'),
    });
    expect(logged).toEqual([`weekly report ${REPORT_WEEK} → ${out}`]);
  });

  describe('the HTML page in headless Chromium', () => {
    let loaded: LoadedPage;
    beforeAll(async () => {
      loaded = await openPage(summary.files.html);
      await loaded.page.waitForSelector('body[data-charts-ready=true]', { timeout: 60_000 });
    });
    afterAll(() => loaded?.close());

    it('renders every chart, offline and without console errors', async () => {
      const charts = loaded.page.locator('figure.chart');
      expect(await charts.count()).toBe(summary.files.charts.length);
      expect(await loaded.page.locator('figure.chart svg.marks').count()).toBe(summary.files.charts.length);
      expect(loaded.errors).toEqual([]);
      expect(loaded.outsideRequests).toEqual([]);
    });

    it('shows the numbers of the marts', async () => {
      const cards = await loaded.page.locator('.figure').evaluateAll((nodes) =>
        nodes.map((node) => ({
          report: node.closest('section')!.getAttribute('data-report')!,
          column: node.getAttribute('data-figure')!,
          value: node.getAttribute('data-value')!,
          previous: node.getAttribute('data-previous')!,
          text: node.querySelector('.value')!.textContent!,
        })),
      );
      const figures = definitions.flatMap(({ definition }) => definition.figures.flatMap((g) => g.items.map((item) => ({ report: definition.id, ...item }))));
      expect(cards.map((c) => `${c.report}.${c.column}`)).toEqual(figures.map((f) => `${f.report}.${f.column}`));
      cards.forEach((card, i) => {
        const { column, format } = figures[i];
        expectData(card.value, expected.current[column], `${column} this week`);
        expectData(card.previous, expected.previous[column], `${column} previous week`);
        expect(card.text, column).toBe(formatValue(expected.current[column], format));
      });
    });

    it('is interactive: hovering a bar shows its values from the marts', async () => {
      const agents = await warehouse.query<{ agent_id: string; mean_response_s: number }>(
        'SELECT agent_id, mean_response_s FROM mart_agent_weekly WHERE week_start = CAST({w} AS Date)',
        { w: WEEK.start },
      );
      const bars = loaded.page.locator('#chart-service-agents svg.marks g.mark-rect path');
      expect(await bars.count()).toBe(agents.length);
      const tooltip = loaded.page.locator('#vg-tooltip-element');
      for (const i of [0, agents.length - 1]) {
        await bars.nth(i).hover();
        await expect.poll(() => tooltip.getAttribute('class')).toContain('visible');
        const shown = Object.fromEntries(
          (await tooltip.locator('tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent!.trim())))).map(([key, value]) => [key, value]),
        );
        const agent = agents.find((a) => a.agent_id === shown.agent_id);
        expect(agent, `tooltip ${JSON.stringify(shown)}`).toBeDefined();
        expect(Number(shown['Mean response (minutes)']) * 60).toBeCloseTo(agent!.mean_response_s, 4);
        await loaded.page.mouse.move(0, 0);
      }
      expect(loaded.errors).toEqual([]);
    });

    it('shows the keyword table with last week’s change', async () => {
      const rows = await loaded.page.locator('table[data-table=keywords] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          keyword: tr.querySelector('[data-column=keyword]')!.textContent,
          messages: Number(tr.querySelector('[data-column=messages]')!.getAttribute('data-value')),
          change: tr.querySelector('[data-column=messages__change]')!.getAttribute('data-value'),
        })),
      );
      const keywords = await warehouse.query<{ keyword: string; category: string; messages: number; week_start: string }>(
        'SELECT keyword, category, messages, week_start FROM mart_keywords_weekly WHERE week_start IN (CAST({a} AS Date), CAST({b} AS Date))',
        { a: WEEK.start, b: PREVIOUS.start },
      );
      const current = keywords.filter((k) => k.week_start === WEEK.start);
      expect(rows).toHaveLength(Math.min(15, current.length));
      for (const row of rows) {
        const now = current.find((k) => k.keyword === row.keyword)!;
        const before = keywords.find((k) => k.week_start === PREVIOUS.start && k.keyword === row.keyword && k.category === now.category);
        expect(row.messages).toBe(now.messages);
        expectData(row.change!, relativeChange(now.messages, before?.messages ?? null), `${row.keyword} change`);
      }
      expect(rows.map((r) => r.messages)).toEqual([...rows.map((r) => r.messages)].sort((a, b) => b - a));
    });
  });
});

describe('the same reports on ClickHouse', () => {
  for (const target of TARGETS.filter((t) => t.name !== 'duckdb')) {
    it(`gives the same figures, tables and chart data on ${target.name}`, async () => {
      expect(reference, 'the DuckDB reports ran first').toBeDefined();
      const warehouse = await target.open();
      try {
        await buildReportWarehouse(warehouse);
        for (const [i, report] of definitions.entries()) {
          expectClose(await collectReport(warehouse, report as LoadedReport, WEEKS, SETTINGS), reference![i], `${target.name}:${report.definition.id}`);
        }
      } finally {
        await warehouse.close();
      }
    });
  }
});

function expectCell(cell: ExcelJS.Cell, want: number | null, format: string, where: string): void {
  if (want === null) return expect(cell.value, where).toBeNull();
  // exceljs reads durations back through a Date, which keeps milliseconds only.
  if (format === 'duration') return expect(excelNumber(cell) * 86400, where).toBeCloseTo(want, 2);
  expect(excelNumber(cell), where).toBeCloseTo(want, 6);
}

function expectData(attribute: string, want: number | null, where: string): void {
  if (want === null) return expect(attribute, where).toBe('');
  expect(Number(attribute), where).toBeCloseTo(want, 9);
}

/** Deep equality with floats within 1e-9 relative (the engines sum in different orders). */
function expectClose(actual: unknown, wanted: unknown, path: string): void {
  if (typeof wanted === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - wanted) > 1e-9 * Math.max(1, Math.abs(wanted))) expect.fail(`${path}: expected ${wanted}, got ${actual}`);
    return;
  }
  if (Array.isArray(wanted)) {
    expect(Array.isArray(actual) && actual.length, `${path}: length`).toBe(wanted.length);
    wanted.forEach((item, i) => expectClose((actual as unknown[])[i], item, `${path}[${i}]`));
    return;
  }
  if (wanted !== null && typeof wanted === 'object') {
    expect(Object.keys(actual as object).sort(), `${path}: keys`).toEqual(Object.keys(wanted).sort());
    for (const key of Object.keys(wanted)) expectClose((actual as Row)[key], (wanted as Row)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(wanted);
}
