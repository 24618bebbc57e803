import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCount } from '../../src/cli/format.js';
import { createProgress } from '../../src/cli/progress.js';
import { runCli } from '../../src/cli/program.js';
import { ConsoleRunReporter } from '../../src/cli/run-reporter.js';
import { styleFor } from '../../src/cli/style.js';
import { loadPipeline } from '../../src/pipelines/definition.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import type { RunRecord } from '../../src/pipelines/run-history.js';
import { runPipeline } from '../../src/pipelines/runner.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import { SAMPLES } from '../ingest/helpers.js';
import { clickhouseUrl, openClickHouseServer } from '../harness/targets.js';
import { borrowed, scrm, Workspace } from './helpers.js';

const ANSI = /\u001b\[/;

describe('scrm pipeline commands', () => {
  it('runs a pipeline on the ClickHouse server and shows it in the run log, as a table and as JSON', async () => {
    const database = `t_${randomBytes(6).toString('hex')}`;
    const warehouse = await openClickHouseServer(database);
    await initWarehouse(warehouse);
    await warehouse.close();
    const workspace = new Workspace({ engine: 'clickhouse' });
    const env = { SCRM_CLICKHOUSE_URL: clickhouseUrl(), SCRM_CLICKHOUSE_DATABASE: database };
    workspace.writePipeline('ch', { stages: ['init', { stage: 'test-build-table', options: { table: 'built', rows: 7 } }] });

    const run = await scrm(workspace, ['--json', 'run', 'ch'], env);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(run.stdout) as RunRecord;
    expect(record).toMatchObject({ pipeline: 'ch', status: 'succeeded', rowsIn: 7, rowsOut: 7, rowsRejected: 0, triggeredBy: 'manual' });

    const table = await scrm(workspace, ['runs'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${record.runId}\\s+ch\\s+succeeded\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\S+ m?s\\s+7\\s+7\\s+0\\s*$`, 'm'));
    expect(table.stdout).not.toMatch(ANSI);
    const one = await scrm(workspace, ['--json', 'runs', record.runId], env);
    expect(JSON.parse(one.stdout)).toEqual(record);
  });

  it('says to run `scrm init` when the DuckDB warehouse is missing, exits 4, and creates no file', async () => {
    const workspace = new Workspace();
    workspace.writePipeline('p', { stages: ['init'] });
    for (const args of [['query', 'select 1'], ['run', 'p']]) {
      const result = await scrm(workspace, args);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.stderr).toBe(
        `scrm: no DuckDB warehouse at ${workspace.warehousePath}: run \`scrm init\` to create it (or point --warehouse or SCRM_WAREHOUSE at an existing file)\n`,
      );
    }
    expect(existsSync(workspace.warehousePath)).toBe(false);
  });

  it('reports a DuckDB file held by another process as busy, with exit code 3', async () => {
    const workspace = new Workspace();
    const holder = await DuckDBWarehouse.open({ path: workspace.warehousePath });
    try {
      const result = await scrm(workspace, ['query', 'select 1']);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`the DuckDB warehouse ${workspace.warehousePath} is in use by another process (PID ${process.pid})`);
    } finally {
      await holder.close();
    }
  });

  it('exits 2 for usage errors: an unknown pipeline, a broken pipeline file, a bad option', async () => {
    const workspace = new Workspace();
    await workspace.initDuckDB();
    workspace.writePipeline('good', { schedule: '0 2 * * *', stages: ['init'] });
    writeFileSync(join(workspace.pipelinesDir, 'broken.yaml'), 'name: broken\ndescription: x\nstages:\n  - transfrom\n');

    const unknown = await scrm(workspace, ['run', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`scrm: no pipeline "nope" in ${workspace.pipelinesDir} (there are: broken, good)\n`);

    const listing = await scrm(workspace, ['--json', 'pipelines']);
    expect(listing.code).toBe(2);
    const [broken, good] = JSON.parse(listing.stdout);
    expect(broken.problem).toMatch(/broken\.yaml:4: stages\[0\]\.stage: unknown stage "transfrom"/);
    expect(good).toMatchObject({ name: 'good', schedule: '0 2 * * *', timezone: 'Asia/Hong_Kong', stages: ['init'], problem: null });
    expect(good.next_run).toMatch(/^\d{4}-\d\d-\d\d 02:00:00$/);

    const badLimit = await scrm(workspace, ['runs', '--limit', '0']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/option '-n, --limit <count>' argument '0' is invalid\. expected a whole number of at least 1/);
  });

  it('documents the exit codes in --help, and prints --help for every pipeline command', async () => {
    const help = await scrm(new Workspace(), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('3    locked: the pipeline (or the DuckDB file) is in use by another process');
    for (const command of ['run', 'schedule', 'runs', 'pipelines']) {
      const output: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((text) => output.push(String(text)) > 0);
      try {
        expect(await runCli(['node', 'scrm', command, '--help'])).toBe(0);
      } finally {
        write.mockRestore();
      }
      expect(output.join('')).toContain(`Usage: scrm ${command}`);
    }
  });
});

describe('terminal output', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream & { written: string[] };
  };

  it('colours only a TTY, and never with NO_COLOR', () => {
    expect(styleFor(stream(true), {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(styleFor(stream(false), {}).red('x')).toBe('x');
    expect(styleFor(stream(true), { NO_COLOR: '1' }).red('x')).toBe('x');
    expect(styleFor(stream(false), { FORCE_COLOR: '1' }).green('x')).toBe('\u001b[32mx\u001b[39m');
    expect(styleFor(stream(true), { NO_COLOR: '1', FORCE_COLOR: '1' }).green('x')).toBe('x');
  });

  it('draws a progress bar on a terminal while the ingest stage reads its input, then the stage line', async () => {
    const workspace = new Workspace();
    const sample = JSON.parse(readFileSync(join(SAMPLES, 'send-log.ndjson'), 'utf8').split('\n')[0]) as { message_id: string };
    const file = join(workspace.dir, 'send-log.ndjson');
    writeFileSync(file, Array.from({ length: 2000 }, (_, i) => `${JSON.stringify({ ...sample, message_id: `${sample.message_id}${i}` })}\n`).join(''));
    const kB = formatCount(Math.ceil(statSync(file).size / 1000));
    workspace.writePipeline('load', { stages: [{ stage: 'ingest', options: { source: 'send-log', paths: [file] } }] });
    const terminal = (isTTY: boolean) => {
      let text = '';
      const stream = Object.assign(new PassThrough(), { isTTY, columns: 160 });
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      return { stream: stream as unknown as NodeJS.WriteStream, text: () => text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, '') };
    };
    const out = terminal(false);
    const err = terminal(true);
    const warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    try {
      await initWarehouse(warehouse);
      const reporter = new ConsoleRunReporter({ json: false, timeZone: 'UTC', out: out.stream, err: err.stream });
      const config = workspace.config();
      const run = await runPipeline({ config, openWarehouse: async () => borrowed(warehouse), reporter }, loadPipeline(config, new StageRegistry(STAGES), 'load'));
      expect(run).toMatchObject({ status: 'succeeded', rowsIn: 2000, rowsOut: 2000 });
    } finally {
      await warehouse.close();
    }
    expect(err.text()).toMatch(new RegExp(`░*█+ 100% \\| ${kB}/${kB} ingest: send-log kB read \\| eta 0s`));
    expect(err.text()).toContain('  ingest: send-log: 2000 records, 2000 new rows, 0 rejected');
    expect(out.text()).toMatch(/^ {2}✓ ingest +\S+ m?s {2}2,000 in, 2,000 out, 0 rejected$/m);
  });

  it('prints a progress line every ten seconds when stderr is not a terminal', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const log = stream(false);
    const progress = createProgress('ingest', log);
    progress.start(200_000, 'rows');
    progress.advance(50_000);
    vi.setSystemTime(10_000);
    progress.advance(50_000);
    vi.setSystemTime(15_000);
    progress.advance(50_000);
    progress.finish();
    expect(log.written).toEqual(['ingest rows: 100,000 / 200,000 (50%)\n']);
  });
});
