import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { round, type BenchOptions, type BenchResult } from './measure.js';
import { latestTenMillionDags, renderReadme, type BenchReport, type StageRecord } from './readme.js';
import { DEFAULT_STAGES, STAGES } from './stages.js';

/**
 * `npm run bench -- [--messages 1000000] [--runs 3] [--report-customers 100000] [--stages a,b]`:
 * runs each stage in a child process (so each has its own peak memory), then writes
 * bench/results/<date>.json and regenerates bench/README.md from it.
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    'report-customers': { type: 'string', default: '100000' },
    stages: { type: 'string', default: DEFAULT_STAGES.join(',') },
  },
});
const options: BenchOptions = {
  messages: positive('messages', values.messages),
  runs: positive('runs', values.runs),
  reportCustomers: positive('report-customers', values['report-customers']),
};
const stages = values.stages.split(',');
for (const stage of stages) if (!STAGES[stage]) throw new Error(`unknown stage ${stage}; stages: ${Object.keys(STAGES).join(', ')}`);

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}

async function runStage(stage: string): Promise<StageRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-bench-stage-'));
  const out = join(dir, 'result.json');
  const loadBefore = loadavg()[0];
  const started = performance.now();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', 'stage.ts'), stage, JSON.stringify(options), out], { stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`bench stage ${stage} failed (exit code ${code})`);
    const { results, peak_rss_mb } = JSON.parse(readFileSync(out, 'utf8')) as { results: BenchResult[]; peak_rss_mb: number };
    return {
      stage,
      peak_rss_mb,
      wall_seconds: round((performance.now() - started) / 1000),
      load_average_before: round(loadBefore, 2),
      load_average_after: round(loadavg()[0], 2),
      results,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The server binary has no --version; the Debian package says which release it is. */
function clickhouseServerVersion(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'clickhouse-server'], { encoding: 'utf8' });
  } catch {
    return 'unknown';
  }
}

const records: StageRecord[] = [];
const failed: { stage: string; error: string }[] = [];
for (const stage of stages) {
  console.log(`bench: ${stage} (${options.messages.toLocaleString('en')} messages, ${options.runs} run(s))`);
  let record: StageRecord;
  try {
    record = await runStage(stage);
  } catch (error) {
    // One failed stage (its error is on the console above) must not cost the others' figures.
    failed.push({ stage, error: (error as Error).message });
    continue;
  }
  for (const result of record.results) console.log(`  ${result.name} [${result.engine}]: ${result.value.toLocaleString('en')} ${result.metric} (runs ${result.runs.join(', ')})`);
  console.log(`  peak RSS ${record.peak_rss_mb} MB, ${record.wall_seconds} s`);
  records.push(record);
}

/**
 * The CPU's model name and clock: one model name ("AMD EPYC") has covered machines a factor of two
 * apart in speed, so the clock is part of what tells records from different machines apart. Node's
 * own reading of the clock is 0 on these virtual machines; /proc/cpuinfo has it.
 */
function describeCpu(): string {
  const model = cpus()[0]?.model ?? 'unknown';
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const mhz = /^cpu MHz\s*:\s*([\d.]+)/m.exec(cpuinfo)?.[1];
  return /Hz\b/.test(model) || !mhz ? model : `${model} at ${Math.round(Number(mhz))} MHz`;
}

const postgresVersion = records.flatMap((record) => record.results).find((result) => result.engine === 'postgres')?.details.server_version;
const report: BenchReport = {
  at: new Date().toISOString(),
  options,
  machine: {
    cores: availableParallelism(),
    cpu: describeCpu(),
    memory_gb: round(totalmem() / 2 ** 30),
    kernel: release(),
  },
  versions: {
    node: process.version,
    '@duckdb/node-api': packageVersion('@duckdb/node-api'),
    'clickhouse-server': clickhouseServerVersion(),
    pg: packageVersion('pg'),
    tsx: packageVersion('tsx'),
    ...(typeof postgresVersion === 'string' ? { postgresql: postgresVersion } : {}),
  },
  stages: records,
  failed,
};
const dir = join('bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${report.at.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
writeFileSync(join('bench', 'README.md'), renderReadme(report, latestTenMillionDags(dir)));
console.log(`results written to ${file} and bench/README.md`);
if (failed.length) {
  console.error(`failed stages: ${failed.map((f) => f.stage).join(', ')}`);
  process.exitCode = 1;
}
