import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedBatch } from '../../src/ingest/collector.js';
import { OrderedBatches } from '../../src/ingest/ordered-batches.js';
import { LandingWriter } from '../../src/ingest/writer.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';

function batch(records: number): EncodedBatch {
  return { tables: {}, records, rejectReasons: {} };
}

async function later<T>(ms: number, value: T): Promise<T> {
  await sleep(ms);
  return value;
}

async function failLater(ms: number, message: string): Promise<EncodedBatch> {
  await sleep(ms);
  throw new Error(message);
}

describe('ordered batches', () => {
  let warehouse: DuckDBWarehouse;
  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:' });
    await initWarehouse(warehouse);
  });
  afterAll(async () => warehouse.close());

  it('hands batches over in the order they were queued, whenever each is ready', async () => {
    const absorbed: number[] = [];
    const queue = new OrderedBatches(new LandingWriter(warehouse), (b) => absorbed.push(b.records), 10);
    const failures: string[] = [];
    const failed = (error: Error) => failures.push(error.message);
    await queue.push(later(60, batch(1)), failed);
    await queue.push(later(5, batch(2)), failed);
    await queue.push(batch(3), failed);
    await queue.push(later(30, batch(4)), failed);
    await queue.drain();
    expect(absorbed).toEqual([1, 2, 3, 4]);
    expect(failures).toEqual([]);
  });

  it('reports a batch that fails before the ones queued ahead of it are ready, in its turn, and goes on', async () => {
    const events: string[] = [];
    const queue = new OrderedBatches(new LandingWriter(warehouse), (b) => events.push(`absorbed ${b.records}`), 10);
    const failed = (error: Error) => events.push(`failed ${error.message}`);
    await queue.push(later(80, batch(1)), failed);
    // Rejects while batch 1 is still being parsed: it must not surface as an unhandled rejection.
    await queue.push(failLater(1, 'block 2'), failed);
    await queue.push(batch(3), failed);
    await queue.drain();
    expect(events).toEqual(['absorbed 1', 'failed block 2', 'absorbed 3']);
  });
});
