import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { collectReport } from '../../src/reports/collect.js';
import { loadReportDefinitions } from '../../src/reports/load.js';
import { renderCharts } from '../../src/reports/charts/render.js';
import { resolveFonts } from '../../src/reports/charts/fonts.js';
import { onTarget, relativeChange, resolveTarget } from '../../src/reports/compare.js';
import type { ReportResult } from '../../src/reports/collect.js';
import { writeWorkbook } from '../../src/reports/excel/workbook.js';
import { describeTarget } from '../../src/reports/layout.js';
import { projectPath } from '../../src/paths.js';
import { writeWeeklyReport, type WeeklyReportSummary } from '../../src/reports/run.js';
import { lastCompleteWeek, lastWeekEndingBy, parseIsoWeek, previousWeek } from '../../src/reports/week.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { conditionalFormats, excelNumber } from './workbook.js';
import { AGENTS, DAILY, FIXTURE_DEFINITIONS, loadServiceFixture } from './fixture-service.js';

const SETTINGS = { normalRange: 0.15, slaSeconds: 180 };
const W47 = parseIsoWeek('2026-W47');

describe('ISO weeks', () => {
  it('maps a week label to its Monday-to-Monday local dates', () => {
    expect(W47).toMatchObject({ start: '2026-11-16', lastDay: '2026-11-22', end: '2026-11-23', isoYear: 2026, isoWeek: 47 });
    expect(parseIsoWeek('2026-W01').start).toBe('2025-12-29');
    expect(previousWeek(parseIsoWeek('2026-W01')).label).toBe('2025-W52');
    expect(parseIsoWeek('2020-W53').end).toBe('2021-01-04');
    expect(previousWeek(parseIsoWeek('2021-W01')).label).toBe('2020-W53');
  });

  it('refuses weeks that do not exist, naming the week', () => {
    expect(() => parseIsoWeek('2025-W53')).toThrow('week "2025-W53": 2025 has ISO weeks 01 to 52');
    expect(previousWeek(parseIsoWeek('2027-W01')).label).toBe('2026-W53');
    expect(() => parseIsoWeek('2026-47')).toThrow('expected an ISO week like 2026-W47');
  });

  it('takes the last complete week in the business time zone', () => {
    // Sunday 22 Nov 23:30 in Hong Kong: W47 is not over yet.
    expect(lastCompleteWeek('Asia/Hong_Kong', new Date('2026-11-22T15:30:00Z')).label).toBe('2026-W46');
    // Monday 23 Nov 00:30 in Hong Kong, still Sunday in UTC.
    expect(lastCompleteWeek('Asia/Hong_Kong', new Date('2026-11-22T16:30:00Z')).label).toBe('2026-W47');
    expect(lastCompleteWeek('UTC', new Date('2026-11-22T16:30:00Z')).label).toBe('2026-W46');
    expect(lastWeekEndingBy('2026-11-22').label).toBe('2026-W47');
    expect(lastWeekEndingBy('2026-11-21').label).toBe('2026-W46');
    expect(lastWeekEndingBy('2026-11-23').label).toBe('2026-W47');
  });
});

describe('week-over-week change', () => {
  it('is relative to the previous week, exact at the ±15 % boundary, NULL without a base', () => {
    expect(relativeChange(115, 100)).toBe(0.15);
    expect(relativeChange(0.75, 0.9)).toBeCloseTo(-1 / 6, 12);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});

describe('targets and empty raw data', () => {
  const funnel = loadReportDefinitions(projectPath('reports')).find((r) => r.definition.id === 'funnel')!.definition;
  const overall = funnel.figures.flatMap((g) => g.items).find((item) => item.column === 'overall_conversion_rate')!;
  const target = resolveTarget(overall.target, SETTINGS)!;

  it('judges the funnel healthy only above 12 %, as the issue says ("> 12 %"), while the SLA includes its 3 minutes', () => {
    expect([onTarget(0.12, target), onTarget(0.1201, target), onTarget(0.11, target)]).toEqual([false, true, false]);
    expect(describeTarget(target, 'percent')).toBe('> 12.0 %');
    const sla = resolveTarget({ max: { config: 'sla_seconds' }, exclusive: false }, SETTINGS)!;
    expect([onTarget(180, sla), onTarget(181, sla)]).toEqual([true, false]);
    expect(describeTarget(sla, 'duration')).toBe('≤ 3:00');
  });

  it('highlights a value equal to an exclusive limit in the workbook, as an Excel rule', async () => {
    const figure = { column: overall.column, label: overall.label, format: overall.format, current: 0.12, previous: 0.15, change: -0.2, outsideNormal: true, target, onTarget: onTarget(0.12, target) };
    const report: ReportResult = { id: 'funnel', title: 'Funnel', sheet: 'Funnel', description: '', unavailable: null, figures: [figure], tables: [], charts: [], raw: [] };
    const path = join(mkdtempSync(join(tmpdir(), 'scrm-target-')), 'w.xlsx');
    await writeWorkbook(path, [report], new Map(), { current: W47, previous: previousWeek(W47) }, SETTINGS);
    const sheet = (await new ExcelJS.Workbook().xlsx.readFile(path)).getWorksheet('Funnel')!;
    expect([sheet.getCell('B6').value, sheet.getCell('F6').value, sheet.getCell('G6').value]).toEqual([0.12, '> 12.0 %', 'off target']);
    const rule = conditionalFormats(sheet).find((cf) => cf.ref === 'B6')!;
    expect((rule.rules[0] as { formulae: string[] }).formulae).toEqual(['AND(ISNUMBER(B6),OR(B6<=0.12))']);
  });

  it('says so on a raw-data sheet whose query found nothing in either week', async () => {
    const raw = [{ sheet: 'Raw empty', columns: [], rows: [] }];
    const report: ReportResult = { id: 'funnel', title: 'Funnel', sheet: 'Funnel', description: '', unavailable: null, figures: [], tables: [], charts: [], raw };
    const path = join(mkdtempSync(join(tmpdir(), 'scrm-raw-')), 'w.xlsx');
    await writeWorkbook(path, [report], new Map(), { current: W47, previous: previousWeek(W47) }, SETTINGS);
    const sheet = (await new ExcelJS.Workbook().xlsx.readFile(path)).getWorksheet('Raw empty')!;
    expect(sheet.getCell('A1').value).toBe('No rows for 2026-W47 or 2026-W46.');
    expect(sheet.rowCount).toBe(1);
  });
});

describe('report definitions', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-defs-'));
    cpSync(FIXTURE_DEFINITIONS, dir, { recursive: true });
    return dir;
  };
  const edit = (dir: string, file: string, change: (definition: Record<string, any>) => void) => {
    const definition = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    change(definition);
    writeFileSync(join(dir, file), JSON.stringify(definition));
  };

  it('loads in workbook order with their queries and specs', () => {
    const reports = loadReportDefinitions(FIXTURE_DEFINITIONS);
    expect(reports.map((r) => r.definition.id)).toEqual(['service', 'churn']);
    expect(reports[0].queries.get('queries/agents.sql')!.clickhouse).toContain('FROM fx_agent_weekly');
    expect(reports[0].specs.get('charts/heatmap.vl.json')).toMatchObject({ mark: { type: 'rect' } });
    const figures = reports[0].queries.get('queries/figures.sql')!;
    expect([figures.duckdb, figures.clickhouse].map((sql) => /list_sort|arraySort/.exec(sql)?.[0])).toEqual(['list_sort', 'arraySort']);
  });

  it('names the file and the field of a bad definition', () => {
    const dir = copy();
    edit(dir, 'service.json', (d) => (d.figures[0].items[1].format = 'minutes'));
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: figures\.0\.items\.1\.format: Invalid option/);

    edit(dir, 'service.json', (d) => {
      d.figures[0].items[1].format = 'duration';
      d.tables[0].key = ['agent'];
    });
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: tables\.0\.key: key column "agent" is not among the columns/);

    edit(dir, 'service.json', (d) => {
      d.tables[0].key = ['agent_id'];
      d.sheet = 'Service: weekly';
    });
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: sheet: Excel sheet names cannot contain/);

    edit(dir, 'service.json', (d) => {
      d.sheet = 'Service';
      d.chart = [];
    });
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: \(top level\): unknown key "chart"/);
  });

  it('refuses missing files, duplicate sheets, inline chart data and invalid Vega-Lite', () => {
    const dir = copy();
    edit(dir, 'churn.json', (d) => (d.figures[0].query = 'queries/nope.sql'));
    expect(() => loadReportDefinitions(dir)).toThrow(/churn\.json: references queries\/nope\.sql, which does not exist/);

    edit(dir, 'churn.json', (d) => {
      d.figures[0].query = 'queries/missing.sql';
      d.raw = [{ sheet: 'raw service DAILY', query: 'queries/missing.sql' }];
    });
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: sheet name "Raw service daily" is already used by .*churn\.json/);

    edit(dir, 'churn.json', (d) => (d.raw = []));
    writeFileSync(join(dir, 'queries', 'figures.sql'), 'SELECT 1');
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: queries\/figures\.sql has both a shared file and engine variants/);
    rmSync(join(dir, 'queries', 'figures.sql'));
    rmSync(join(dir, 'queries', 'figures.clickhouse.sql'));
    expect(() => loadReportDefinitions(dir)).toThrow(/service\.json: queries\/figures\.sql needs both queries\/figures\.duckdb\.sql and queries\/figures\.clickhouse\.sql/);
    writeFileSync(join(dir, 'queries', 'figures.clickhouse.sql'), 'SELECT 1');
    const spec = join(dir, 'charts', 'heatmap.vl.json');
    writeFileSync(spec, JSON.stringify({ ...JSON.parse(readFileSync(spec, 'utf8')), data: { values: [] } }));
    expect(() => loadReportDefinitions(dir)).toThrow(/heatmap\.vl\.json: data: leave it out/);

    writeFileSync(spec, JSON.stringify({ mark: 'rect', encoding: { x: { field: 'hour', type: 'sideways' } } }));
    expect(() => loadReportDefinitions(dir)).toThrow(/heatmap\.vl\.json: not a valid Vega-Lite spec/);
  });
});

describe('weekly report from fixture tables (DuckDB)', () => {
  let warehouse: Warehouse;
  let summary: WeeklyReportSummary;
  let workbook: ExcelJS.Workbook;
  const outDir = join(mkdtempSync(join(tmpdir(), 'scrm-report-')), '2026-W47');

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await loadServiceFixture(warehouse);
    summary = await writeWeeklyReport(warehouse, configSchema.parse({}), { week: W47, outDir, definitionsDir: FIXTURE_DEFINITIONS });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(summary.files.workbook);
  });
  afterAll(() => warehouse.close());

  it('returns a summary of what it wrote', () => {
    expect(summary).toMatchObject({ week: '2026-W47', previousWeek: '2026-W46', engine: 'duckdb', outDir });
    expect(summary.files.workbook).toBe(join(outDir, 'weekly-report-2026-W47.xlsx'));
    expect(summary.files.charts.map((c) => `${c.report}/${c.chart}`)).toEqual(['service/daily', 'service/heatmap']);
    expect(summary.reports.map((r) => [r.id, r.figures, r.tables, r.charts, r.rawSheets])).toEqual([
      ['service', 4, 1, 2, 1],
      ['churn', 0, 0, 0, 0],
    ]);
    expect(summary.reports[1].unavailable).toBe('Not available for 2026-W47: missing table fx_missing_scores.');
    expect(summary.warnings).toEqual([`churn: ${summary.reports[1].unavailable}`]);
  });

  it('has one sheet per report, then the raw-data sheets', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Service', 'Churn', 'Raw service daily']);
    expect(workbook.getWorksheet('Churn')!.getCell('A5').value).toBe(summary.reports[1].unavailable);
  });

  it('shows each figure for both weeks with its change, range flag, target and status', async () => {
    const sheet = workbook.getWorksheet('Service')!;
    expect(sheet.getCell('A1').value).toBe('Service (fixture) — 2026-W47');
    expect(sheet.getRow(5).values).toEqual([undefined, 'Metric', 'This week (2026-W47)', 'Previous week (2026-W46)', 'Change', 'Outside normal range', 'Target', 'Status']);
    const days = (from: string, to: string) => DAILY.filter((d) => (d.local_date as string) >= from && (d.local_date as string) < to);
    const answered = (rows: typeof DAILY) => rows.reduce((sum, d) => sum + (d.answered_turns as number), 0);
    const [w47, w46] = [days('2026-11-16', '2026-11-23'), days('2026-11-09', '2026-11-16')];

    expect(sheet.getRow(6).values).toEqual([undefined, 'Answered turns', answered(w47), answered(w46), relativeChange(answered(w47), answered(w46)), 'no', '', '']);
    expect(sheet.getCell('B6').numFmt).toBe('#,##0');

    // Durations are stored as days so Excel shows minutes:seconds; worst W47 median 200 s > the 180 s SLA.
    expect(sheet.getCell('A7').value).toBe('Worst daily median response (min:s)');
    expect(excelNumber(sheet.getCell('B7')) * 86400).toBeCloseTo(200, 9);
    expect(excelNumber(sheet.getCell('C7')) * 86400).toBeCloseTo(106, 9);
    expect(sheet.getCell('B7').numFmt).toBe('[m]:ss');
    expect([sheet.getCell('E7').value, sheet.getCell('F7').value, sheet.getCell('G7').value]).toEqual(['yes', '≤ 3:00', 'off target']);

    expect(sheet.getCell('B8').value).toBe(0.75);
    expect(sheet.getCell('C8').value).toBe(0.9);
    expect(sheet.getCell('B8').numFmt).toBe('0.0%');
    expect(sheet.getCell('D8').numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect([sheet.getCell('E8').value, sheet.getCell('F8').value, sheet.getCell('G8').value]).toEqual(['yes', '≥ 85.0 %', 'off target']);
    // An exact median through the engine-specific twin queries: W47 days [60, 60, 120 × 5].
    expect(sheet.getRow(9).values).toEqual([undefined, 'Median answered turns per day', 120, 100, 0.2, 'yes', '', '']);

    const rules = conditionalFormats(sheet).flatMap((cf) => cf.rules.map((rule) => [cf.ref, (rule as { formulae: string[] }).formulae[0]]));
    expect(rules).toEqual(
      expect.arrayContaining([
        ['D6:D9', 'AND(ISNUMBER(D6),ABS(D6)>0.15)'],
        ['B7', `AND(ISNUMBER(B7),OR(B7>${180 / 86400}))`],
        ['B8', 'AND(ISNUMBER(B8),OR(B8<0.85))'],
      ]),
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('lays out the agent table sorted, cut after the join with last week, with changes and highlights', () => {
    const sheet = workbook.getWorksheet('Service')!;
    const title = sheet.getColumn(1).values.indexOf('Agents');
    expect(title).toBeGreaterThan(8);
    const header = title + 2;
    expect(sheet.getRow(header).values).toEqual([undefined, 'Agent', 'Answered turns', 'Δ vs 2026-W46', 'Mean response (min:s)', 'Tags', 'Slow']);
    const rows = [1, 2, 3].map((i) => [1, 2, 3, 4, 5, 6].map((c) => sheet.getCell(header + i, c)));
    const agent = (week: string, id: string) => AGENTS.find((a) => a.iso_week === week && a.agent_id === id)!;
    const change = (id: string) => relativeChange(agent('2026-W47', id).answered_turns as number, agent('2026-W46', id).answered_turns as number);
    expect(rows.map((r) => r[0].value)).toEqual(['bot', 'ana', 'carlos']);
    expect(rows.map((r) => r[2].value)).toEqual([change('bot'), change('ana'), null]);
    expect(excelNumber(rows[2][3]) * 86400).toBeCloseTo(420, 9);
    expect(rows.map((r) => r[4].value)).toEqual(['', 'es', 'es; en']);
    expect(rows.map((r) => r[5].value)).toEqual([false, false, true]);
    expect(sheet.getRow(header + 4).values).toEqual([]);

    const refs = Object.fromEntries(conditionalFormats(sheet).map((cf) => [cf.ref, (cf.rules[0] as { formulae: string[] }).formulae[0]]));
    expect(refs[`A${header + 1}:F${header + 3}`]).toBe(`$F${header + 1}=TRUE`);
    expect(refs[`D${header + 1}:D${header + 3}`]).toBe(`AND(ISNUMBER(D${header + 1}),OR(D${header + 1}>${360 / 86400}))`);
    expect(refs[`C${header + 1}:C${header + 3}`]).toBe(`AND(ISNUMBER(C${header + 1}),ABS(C${header + 1})>0.15)`);
  });

  it('names a column a definition wants but its query does not return', async () => {
    const [service] = loadReportDefinitions(FIXTURE_DEFINITIONS);
    const figures = [{ ...service.definition.figures[0], items: [{ column: 'answered', label: 'Answered', format: 'integer' as const }] }];
    const broken = { ...service, definition: { ...service.definition, figures } };
    await expect(collectReport(warehouse, broken, { current: W47, previous: previousWeek(W47) }, SETTINGS)).rejects.toThrow(
      'report query queries/figures.sql returns no column answered (it returns answered_turns, worst_median_s, within_sla_rate, median_daily_answered)',
    );
  });

  it('embeds every chart as a PNG image on its report sheet', () => {
    const sheet = workbook.getWorksheet('Service')!;
    const images = sheet.getImages();
    expect(images).toHaveLength(2);
    for (const image of images) {
      const media = workbook.getImage(Number(image.imageId));
      expect(media.extension).toBe('png');
      expect(Buffer.from(media.buffer!).subarray(1, 4).toString()).toBe('PNG');
      expect(image.range.tl.nativeCol).toBeGreaterThanOrEqual(7);
    }
    expect(workbook.getWorksheet('Churn')!.getImages()).toHaveLength(0);
  });

  it('writes the raw rows of both weeks with a frozen, filterable header', () => {
    const sheet = workbook.getWorksheet('Raw service daily')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'week', 'period', 'local_date', 'weekday', 'answered_turns', 'median_response_s']);
    expect(sheet.rowCount).toBe(1 + DAILY.length);
    expect(sheet.getRow(2).values).toEqual([undefined, '2026-W47', 'this week', '2026-11-16', 1, 120, 150]);
    expect(sheet.getRow(9).values).toEqual([undefined, '2026-W46', 'previous week', '2026-11-09', 1, 100, 100]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
  });

  it('writes each chart as Vega-Lite with its data, as SVG with text, and as a sharp PNG', () => {
    const daily = summary.files.charts.find((c) => c.chart === 'daily')!;
    const spec = JSON.parse(readFileSync(daily.vegaLite, 'utf8'));
    expect(spec.data.values).toHaveLength(14);
    expect(spec.title).toEqual({ text: 'Answered turns by weekday', subtitle: '2026-W47 · Mon 16 Nov – Sun 22 Nov 2026' });
    const svg = readFileSync(daily.svg, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('>Answered turns by weekday</text>');
    expect(svg).toContain('>previous week</text>');
    const png = readFileSync(daily.png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(svgWidth * 2);
  });
});

describe('chart fonts', () => {
  const spec = { title: 'Déjà vu 多少錢', mark: 'bar', data: { values: [{ x: 'a', y: 1 }] }, encoding: { x: { field: 'x', type: 'nominal' }, y: { field: 'y', type: 'quantitative' } } };

  it('draws the text of a chart with the configured fonts', async () => {
    const fonts = resolveFonts(configSchema.parse({}).reports.fonts);
    expect(fonts).toMatchObject({ loadSystemFonts: false, warning: null });
    const [withFonts] = await renderCharts([spec], fonts);
    const [without] = await renderCharts([spec], { files: [], loadSystemFonts: false, warning: null });
    expect(withFonts.svg).toBe(without.svg);
    // Same SVG, same size: the pixels differ only by the glyphs the fonts drew.
    expect([withFonts.width, withFonts.height]).toEqual([without.width, without.height]);
    expect(withFonts.png.equals(without.png)).toBe(false);
  });

  it('falls back to the system fonts, with a warning, when none of the configured files exists', () => {
    const fonts = resolveFonts(['/nowhere/DejaVuSans.ttf']);
    expect(fonts).toMatchObject({ files: [], loadSystemFonts: true });
    expect(fonts.warning).toMatch(/none of the configured chart fonts exist \(\/nowhere\/DejaVuSans\.ttf\).*install fonts-dejavu-core/);
  });
});

describe('report queries on every engine', () => {
  const reports = loadReportDefinitions(FIXTURE_DEFINITIONS);
  const weeks = [
    { current: W47, previous: previousWeek(W47) },
    // The previous week (W45) has no rows: figures must be NULL on every engine, not 0 or NaN.
    { current: previousWeek(W47), previous: previousWeek(previousWeek(W47)) },
  ];
  const results = new Map<string, unknown>();

  for (const target of TARGETS) {
    it(`collects the same report on ${target.name}`, async () => {
      const warehouse = await target.open();
      try {
        await loadServiceFixture(warehouse);
        const collected = [];
        for (const w of weeks) for (const report of reports) collected.push(await collectReport(warehouse, report, w, SETTINGS));
        results.set(target.name, collected);
        const w46 = collected[2];
        expect(w46.charts.map((c) => (c.spec.title as { subtitle: string }).subtitle)).toEqual([
          '2026-W46 · Mon 9 Nov – Sun 15 Nov 2026',
          '2026-W46 · Mon 9 Nov – Sun 15 Nov 2026 · no data',
        ]);
        expect(w46.figures.map((f) => f.previous)).toEqual([null, null, null, null]);
        expect(w46.figures[2].current).toBe(0.9);
        if (target.name !== 'duckdb') expect(collected).toEqual(results.get('duckdb'));
      } finally {
        await warehouse.close();
      }
    });
  }
});
