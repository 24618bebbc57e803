import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { ingestContext } from '../../src/ingest/context.js';
import { commitLandingSlice, landingSlice } from '../../src/ingest/landing-log/checkpoint.js';
import { ingest } from '../../src/ingest/run.js';
import { SOURCES } from '../../src/ingest/sources.js';
import type { IngestState } from '../../src/ingest/source.js';
import { warehouseState } from '../../src/ingest/state.js';
import { archiveLandingLogs, type ArchiveSummary } from '../../src/retention/landing-archive.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { runScrm as scrm } from '../harness/cli.js';
import { SAMPLES } from '../ingest/helpers.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 10, 30);
const day = (ago: number) => new Date(NOW - ago * DAY).toISOString().slice(0, 10).replaceAll('-', '');

/** Webhook bodies as `scrm serve` lands them: the samples, one per line, with distinct message ids. */
function webhookLog(lines: number): string {
  const dir = join(SAMPLES, 'webhooks');
  const bodies = readdirSync(dir).map((name) => JSON.stringify(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
  return Array.from({ length: lines }, (_, i) => bodies[i % bodies.length].replaceAll('wamid.', `wamid.${i}x`) + '\n').join('');
}

/** Marks a log as loaded up to its last complete line, the way the landing-log ingest records it. */
async function markLoaded(state: IngestState, file: string, lines: number): Promise<void> {
  await commitLandingSlice(state, await landingSlice(file, state), lines);
}

describe('landing-log archive', () => {
  const root = mkdtempSync(join(tmpdir(), 'scrm-archive-'));
  const landingDir = join(root, 'landing');
  const archiveDir = join(root, 'archive');
  const content = webhookLog(3000);
  let warehouse: Warehouse;
  let summary: ArchiveSummary;
  const path = (name: string) => join(landingDir, name);

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await initWarehouse(warehouse);
    const state = warehouseState(warehouse);
    mkdirSync(landingDir);
    mkdirSync(archiveDir);
    for (const ago of [5, 3, 2, 1, 0]) writeFileSync(path(`webhooks-${day(ago)}.ndjson`), content);
    writeFileSync(path(`clicks-${day(5)}.ndjson`), '{"click_id":"c1","token":"t","url":"https://x","clicked_at":"2026-11-21T00:00:00Z"}\n');
    // Fully loaded: five days ago (both kinds), two days ago and yesterday. Three days ago: half.
    for (const ago of [5, 2, 1]) await markLoaded(state, path(`webhooks-${day(ago)}.ndjson`), 3000);
    await markLoaded(state, path(`clicks-${day(5)}.ndjson`), 1);
    writeFileSync(path(`webhooks-${day(3)}.ndjson`), content.slice(0, content.length / 2));
    await markLoaded(state, path(`webhooks-${day(3)}.ndjson`), 1500);
    writeFileSync(path(`webhooks-${day(3)}.ndjson`), content);
    // Archived earlier: one inside a 30-day window, one outside it.
    writeFileSync(join(archiveDir, `webhooks-${day(29)}.ndjson.gz`), gzipSync('{}\n'));
    writeFileSync(join(archiveDir, `webhooks-${day(31)}.ndjson.gz`), gzipSync('{}\n'));
    summary = await archiveLandingLogs(state, { landingDir, archiveDir, retentionDays: 30, nowMs: NOW });
  });
  afterAll(async () => warehouse?.close());

  it('compresses the fully loaded logs of closed days, byte for byte, and removes them from the landing folder', () => {
    const archived = [`clicks-${day(5)}.ndjson`, `webhooks-${day(2)}.ndjson`, `webhooks-${day(5)}.ndjson`];
    expect(summary.archived.map((log) => log.file).sort()).toEqual(archived.map((name) => join(archiveDir, `${name}.gz`)).sort());
    for (const name of archived) expect(existsSync(path(name)), name).toBe(false);
    expect(gunzipSync(readFileSync(join(archiveDir, `webhooks-${day(5)}.ndjson.gz`))).toString()).toBe(content);
    expect(readdirSync(archiveDir).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('leaves the open days and a log not fully loaded where they are', () => {
    expect(summary.notYetLoaded).toEqual([path(`webhooks-${day(3)}.ndjson`)]);
    for (const ago of [3, 1, 0]) expect(readFileSync(path(`webhooks-${day(ago)}.ndjson`), 'utf8')).toBe(content);
  });

  it('reports the compression ratio of what it archived', () => {
    const gzipBytes = summary.archived.reduce((sum, log) => sum + statSync(log.file).size, 0);
    expect(summary.gzipBytes).toBe(gzipBytes);
    expect(summary.bytes).toBe(2 * Buffer.byteLength(content) + Buffer.byteLength('{"click_id":"c1","token":"t","url":"https://x","clicked_at":"2026-11-21T00:00:00Z"}\n'));
    expect(summary.compressionRatio).toBeCloseTo(summary.bytes / gzipBytes, 12);
    expect(summary.compressionRatio).toBeGreaterThan(5);
  });

  it('deletes archived logs older than the retention window only', () => {
    expect(summary.expired).toEqual([join(archiveDir, `webhooks-${day(31)}.ndjson.gz`)]);
    expect(existsSync(join(archiveDir, `webhooks-${day(29)}.ndjson.gz`))).toBe(true);
  });

  it('is idempotent: a second run finds nothing more to do', async () => {
    const again = await archiveLandingLogs(warehouseState(warehouse), { landingDir, archiveDir, retentionDays: 30, nowMs: NOW });
    expect(again).toEqual({ archived: [], notYetLoaded: [path(`webhooks-${day(3)}.ndjson`)], expired: [], bytes: 0, gzipBytes: 0, compressionRatio: null });
  });
});

describe('landing-log archive after the landing-log ingest', () => {
  const root = mkdtempSync(join(tmpdir(), 'scrm-archive-ingest-'));
  const landingDir = join(root, 'landing');
  const archiveDir = join(root, 'archive');
  const load = (warehouse: Warehouse, inputs: string[]) =>
    ingest(warehouse, SOURCES.whatsapp, inputs, { context: ingestContext(configSchema.parse({})), workers: 0, progress: 'off' });
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await initWarehouse(warehouse);
    mkdirSync(landingDir);
    writeFileSync(join(landingDir, `webhooks-${day(4)}.ndjson`), webhookLog(40));
  });
  afterAll(async () => warehouse?.close());

  it('archives a log once the ingest has read it, and the archive reloads as a no-op', async () => {
    const state = warehouseState(warehouse);
    const before = await archiveLandingLogs(state, { landingDir, archiveDir, retentionDays: 400, nowMs: NOW });
    expect(before.notYetLoaded).toEqual([join(landingDir, `webhooks-${day(4)}.ndjson`)]);

    const first = await load(warehouse, [landingDir]);
    expect(first.records).toBe(40);
    const [{ n }] = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM raw_messages');
    expect(n).toBeGreaterThan(0);

    const after = await archiveLandingLogs(state, { landingDir, archiveDir, retentionDays: 400, nowMs: NOW });
    expect(after.archived.map((log) => log.file)).toEqual([join(archiveDir, `webhooks-${day(4)}.ndjson.gz`)]);
    expect(readdirSync(landingDir)).toEqual([]);

    const again = await load(warehouse, [archiveDir]);
    expect(again.records).toBe(40);
    expect(await warehouse.query('SELECT count(*) AS n FROM raw_messages')).toEqual([{ n }]);
  });
});

describe('scrm archive-landing', () => {
  it('ingests with the hourly-ingest pipeline, then archives and prints the compression ratio', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scrm-archive-cli-'));
    const landingDir = join(root, 'landing');
    const archiveDir = join(root, 'archive');
    mkdirSync(landingDir);
    const old = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10).replaceAll('-', '');
    writeFileSync(join(landingDir, `webhooks-${old}.ndjson`), webhookLog(200));
    const config = join(root, 'scrm.config.json');
    writeFileSync(config, JSON.stringify({ duckdb: { path: join(root, 'w.duckdb') }, serve: { landing_dir: landingDir, archive_dir: archiveDir }, pipelines: { locks_dir: join(root, 'locks') } }));
    expect((await scrm(['-c', config, 'init'])).code).toBe(0);
    const run = await scrm(['-c', config, 'run', 'hourly-ingest', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(archiveDir)).toEqual([`webhooks-${old}.ndjson.gz`]);

    const older = new Date(Date.now() - 4 * DAY).toISOString().slice(0, 10).replaceAll('-', '');
    writeFileSync(join(landingDir, `webhooks-${older}.ndjson`), webhookLog(300));
    const waiting = await scrm(['-c', config, 'archive-landing']);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(`left ${join(landingDir, `webhooks-${older}.ndjson`)}: not fully loaded yet`);
    const loaded = await scrm(['-c', config, 'ingest', 'whatsapp', landingDir]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const archived = await scrm(['-c', config, 'archive-landing']);
    const bytes = statSync(join(archiveDir, `webhooks-${older}.ndjson.gz`)).size;
    expect(archived.stdout).toContain(`archived ${join(archiveDir, `webhooks-${older}.ndjson.gz`)}: ${Buffer.byteLength(webhookLog(300))} → ${bytes} bytes`);
    expect(archived.stdout).toMatch(/compression \d+\.\d:1/);
  });
});
