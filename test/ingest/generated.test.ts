import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/run.js';
import { source as whatsapp } from '../../src/ingest/whatsapp/index.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { context, counts, run, tempDir } from './helpers.js';
import { customerWaId, webhookLines } from './webhook-fixtures.js';

const STATUSES = ['sent', 'delivered', 'read'];

/** Status webhooks for campaign messages 0…n-1: every status, out of order, `delivered` twice. */
function statusLines(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? ['read', 'delivered', 'sent', 'delivered'] : ['delivered', 'sent', 'delivered', 'read'];
    for (const status of order) {
      const value = {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '85230001234', phone_number_id: '411100223344556' },
        statuses: [{ id: `wamid.out${i}`, status, timestamp: String(1795154592 + i * 10 + STATUSES.indexOf(status)), recipient_id: customerWaId(i) }],
      };
      lines.push(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value }] }] }));
    }
  }
  return lines;
}

describe.each(TARGETS)('a larger generated set on $name', (target) => {
  let warehouse: Warehouse;
  const dir = tempDir('generated');
  const a = [...webhookLines(3000)];
  const fileA = join(dir, 'a.ndjson');
  const fileB = join(dir, 'b.ndjson.gz');
  const fileS = join(dir, 'statuses.ndjson');

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
    // Re-deliveries inside a file (the first 200 bodies again) and across files (B overlaps A by 500 ids).
    writeFileSync(fileA, [...a, ...a.slice(0, 200)].join('\n') + '\n');
    writeFileSync(fileB, gzipSync([...webhookLines(2000, { start: 2500, seed: 7 })].join('\n')));
    writeFileSync(fileS, statusLines(750).join('\n'));
  });
  afterAll(async () => warehouse?.close());

  it('loads exact counts in small batches (through parse workers on DuckDB), keeping the first of each duplicate', async () => {
    // The parse workers are engine-neutral: exercised once (on DuckDB), in-thread parsing elsewhere.
    const options = { workers: target.name === 'duckdb' ? 2 : 0, workerMinBytes: 0, writer: { batchRows: 700 } };
    const messages = await run(warehouse, 'whatsapp', [fileA, fileB], {}, options);
    expect(messages).toMatchObject({ inputs: 2, records: 5200, rejected: 0, tables: { raw_messages: { loaded: 4500, duplicates: 700 } } });
    const statuses = await run(warehouse, 'whatsapp', [fileS], {}, options);
    expect(statuses).toMatchObject({ records: 3000, tables: { raw_statuses: { loaded: 2250, duplicates: 750 } } });
    expect(await counts(warehouse)).toMatchObject({ raw_messages: 4500, raw_statuses: 2250, ingest_rejects: 0 });

    const original = JSON.parse(a[2600]).entry[0].changes[0].value.messages[0];
    const [kept] = await warehouse.query('SELECT message_id, raw_json, source_file, source_line FROM raw_messages WHERE message_id = {id}', { id: original.id });
    expect(kept).toEqual({ message_id: original.id, raw_json: JSON.stringify(original), source_file: fileA, source_line: 2601 });
    const types = await warehouse.query('SELECT type, count(*) AS n FROM raw_messages GROUP BY type ORDER BY type');
    expect(types.map((t) => t.type)).toEqual(['image', 'interactive', 'reaction', 'text']);
    const [perStatus] = await warehouse.query("SELECT count(DISTINCT message_id) AS n FROM raw_statuses WHERE status = 'delivered'");
    expect(perStatus.n).toBe(750);
  });

  it('changes no count when the same and overlapping files are loaded again, in another order', async () => {
    const before = await counts(warehouse);
    const again = await run(warehouse, 'whatsapp', [fileS, fileB, fileA]);
    expect(again.tables).toEqual({ raw_messages: { loaded: 0, duplicates: 5200 }, raw_statuses: { loaded: 0, duplicates: 3000 } });
    expect(await counts(warehouse)).toEqual(before);
  });
});

describe('parse workers', () => {
  it('fail the file, not the run, when a worker cannot start, and never hang', async () => {
    const warehouse = await TARGETS[0].open();
    await initWarehouse(warehouse);
    const file = join(tempDir('broken-worker'), 'a.ndjson');
    writeFileSync(file, [...webhookLines(50)].join('\n'));
    const broken = { ...whatsapp, module: 'file:///no/such/source.ts' };
    const summary = await ingest(warehouse, broken, [file], { context: context(), workers: 1, workerMinBytes: 0, progress: 'off' });
    expect(summary.failures).toEqual([{ input: file, error: expect.stringMatching(/source\.ts/) }]);
    await warehouse.close();
  });
});
