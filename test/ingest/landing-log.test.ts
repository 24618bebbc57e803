import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitLandingSlice, landingSlice, readLandingSlice, type LandingSlice } from '../../src/ingest/landing-log/checkpoint.js';
import { isForSource, parseLandingLogName } from '../../src/ingest/landing-log/names.js';
import { blockText } from '../../src/ingest/read/lines.js';
import type { IngestState } from '../../src/ingest/source.js';
import { warehouseState } from '../../src/ingest/state.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { run } from './helpers.js';
import { webhookLines } from './webhook-fixtures.js';

describe('landing log names', () => {
  it('tells the receiver logs apart and gives each to its own source only', () => {
    expect(parseLandingLogName('/data/landing/webhooks-20261120.ndjson')).toEqual({ kind: 'webhooks', day: '20261120', compressed: false });
    expect(parseLandingLogName('/data/landing/clicks-20261120.ndjson')).toEqual({ kind: 'clicks', day: '20261120', compressed: false });
    expect(parseLandingLogName('/data/landing-archive/clicks-20261120.ndjson.gz')).toEqual({ kind: 'clicks', day: '20261120', compressed: true });
    expect(isForSource('/data/landing-archive/clicks-20261120.ndjson.gz', 'whatsapp')).toBe(false);
    expect(parseLandingLogName('/data/webhooks/inbound-text.json')).toBeNull();
    expect(isForSource('/data/landing/webhooks-20261120.ndjson', 'whatsapp')).toBe(true);
    expect(isForSource('/data/landing/clicks-20261120.ndjson', 'whatsapp')).toBe(false);
    expect(isForSource('/data/landing/webhooks-20261120.ndjson', 'clicks')).toBe(false);
    expect(isForSource('/data/landing/clicks-20261120.ndjson', 'clicks')).toBe(true);
    expect(isForSource('/samples/clicks.ndjson', 'whatsapp')).toBe(true);
  });
});

/** Every line of a slice with its file line number, and the line count to commit. */
async function readAll(slice: LandingSlice, maxLineBytes = 1024) {
  const reader = readLandingSlice(slice, maxLineBytes);
  const lines: [number, string][] = [];
  const oversized: number[] = [];
  for await (const block of reader.blocks) {
    blockText(block).split('\n').forEach((text, i) => lines.push([block.firstLine + i, text]));
    oversized.push(...block.oversized.map((line) => line.line));
  }
  return { lines, oversized, count: reader.lines() };
}

describe.each(TARGETS)('landing log checkpoints in $name', (target) => {
  let warehouse: Warehouse;
  let state: IngestState;
  const dir = mkdtempSync(join(tmpdir(), 'scrm-checkpoint-'));

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
    state = warehouseState(warehouse);
  });

  afterAll(async () => {
    await warehouse?.close();
  });

  it('reads only complete lines not yet loaded, numbered as in the whole file', async () => {
    const file = join(dir, 'webhooks-20261120.ndjson');
    writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":3}\n{"n":4,"half":');

    const first = await landingSlice(file, state);
    const read1 = await readAll(first);
    expect(read1.lines).toEqual([[1, '{"n":1}'], [2, '{"n":2}'], [3, '{"n":3}']]);
    expect(read1.count).toBe(3);
    // Until committed (rows loaded), the same part is offered again.
    expect(await landingSlice(file, state)).toEqual(first);
    await commitLandingSlice(state, first, read1.count);

    expect((await readAll(await landingSlice(file, state))).lines).toEqual([]);
    appendFileSync(file, 'true}\n{"n":5}\n');
    const second = await landingSlice(file, state);
    const read2 = await readAll(second);
    expect(read2.lines).toEqual([[4, '{"n":4,"half":true}'], [5, '{"n":5}']]);
    await commitLandingSlice(state, second, read2.count);

    const third = await landingSlice(file, state);
    expect(third.start).toBe(third.end);
    expect((await readAll(third)).lines).toEqual([]);
  });

  it('numbers an oversized line in a later slice by its place in the file', async () => {
    const file = join(dir, 'webhooks-20261121.ndjson');
    writeFileSync(file, '{"a":1}\n');
    const first = await landingSlice(file, state);
    await commitLandingSlice(state, first, (await readAll(first)).count);
    appendFileSync(file, `{"big":"${'x'.repeat(5000)}"}\n{"a":3}\n`);
    const read = await readAll(await landingSlice(file, state));
    expect(read.oversized).toEqual([2]);
    expect(read.lines.at(-1)).toEqual([3, '{"a":3}']);
    expect(read.count).toBe(2);
  });

  it('starts over when the log was replaced or cut shorter', async () => {
    const file = join(dir, 'clicks-20261120.ndjson');
    writeFileSync(file, '{"c":1}\n{"c":2}\n');
    const first = await landingSlice(file, state);
    await commitLandingSlice(state, first, (await readAll(first)).count);

    truncateSync(file, 8);
    const cut = await landingSlice(file, state);
    expect([cut.start, cut.firstLine]).toEqual([0, 1]);

    rmSync(file);
    writeFileSync(file, '{"c":10}\n{"c":20}\n{"c":30}\n');
    const replaced = await landingSlice(file, state);
    expect(replaced.start).toBe(0);
    expect((await readAll(replaced)).lines.map(([line]) => line)).toEqual([1, 2, 3]);
  });
});

/** One tracked-link click as the receiver logs it. */
function clickLine(n: number): string {
  return JSON.stringify({ click_id: `clk_${n}`, token: `tok${n}`, message_id: null, url: 'https://shop.example/p/1', clicked_at: '2026-11-20T06:41:09.512Z' });
}

describe.each(TARGETS)('landing log ingest in $name', (target) => {
  let warehouse: Warehouse;
  const dir = mkdtempSync(join(tmpdir(), 'scrm-landing-'));
  const webhooks = join(dir, 'webhooks-20261120.ndjson');
  const clicks = join(dir, 'clicks-20261120.ndjson');
  const bodies = [...webhookLines(5, { seed: 3 })];

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });

  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each source of a landing folder its own logs, and reads only what was appended since the last run', async () => {
    writeFileSync(webhooks, bodies.slice(0, 3).join('\n') + '\n' + bodies[3].slice(0, 40));
    writeFileSync(clicks, [clickLine(1), clickLine(2)].join('\n') + '\n');

    const first = await run(warehouse, 'whatsapp', [dir]);
    expect(first.inputs).toBe(1);
    expect([first.records, first.rejected, first.tables.raw_messages?.loaded]).toEqual([3, 0, 3]);

    appendFileSync(webhooks, bodies[3].slice(40) + '\n' + bodies[4] + '\n');
    const second = await run(warehouse, 'whatsapp', [dir]);
    // The half-written line of the first run and the one after it; lines 1-3 are not read again.
    expect([second.records, second.rejected, second.tables.raw_messages?.loaded ?? 0, second.tables.raw_messages?.duplicates ?? 0]).toEqual([2, 0, 2, 0]);

    const third = await run(warehouse, 'whatsapp', [dir]);
    expect([third.records, third.tables.raw_messages?.loaded ?? 0]).toEqual([0, 0]);
    const [stored] = await warehouse.query('SELECT count(*) AS n, max(source_line) AS last FROM raw_messages');
    expect([Number(stored.n), Number(stored.last)]).toEqual([5, 5]);

    const clickRun = await run(warehouse, 'clicks', [dir]);
    expect([clickRun.inputs, clickRun.records, clickRun.rejected, clickRun.tables.raw_clicks?.loaded]).toEqual([1, 2, 0, 2]);
  });
});
