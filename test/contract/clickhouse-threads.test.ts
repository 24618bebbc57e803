import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { openWarehouse } from '../../src/warehouse/open.js';
import { clickhouseUrl } from '../harness/targets.js';

/**
 * The max_threads a statement of this warehouse runs with, as the server reports it. The warehouse
 * is on the server's own `default` database: the query reads no table of ours.
 */
async function statementThreads(maxThreads?: number): Promise<number> {
  const config = configSchema.parse({ engine: 'clickhouse', clickhouse: { url: clickhouseUrl(), max_threads: maxThreads } });
  const warehouse = await openWarehouse(config);
  try {
    const [row] = await warehouse.query<{ value: string }>("SELECT value FROM system.settings WHERE name = 'max_threads'");
    return Number(row.value);
  } finally {
    await warehouse.close();
  }
}

describe('threads per ClickHouse statement', () => {
  it('runs with every CPU on the server the tests and the bench start, not the count 18.16 guesses', async () => {
    expect(await statementThreads()).toBe(availableParallelism());
  });

  it('sends clickhouse.max_threads with each statement when it is set', async () => {
    expect(await statementThreads(1)).toBe(1);
    expect(await statementThreads(3)).toBe(3);
  });

  it('refuses a thread count below one', () => {
    expect(() => configSchema.parse({ clickhouse: { max_threads: 0 } })).toThrow(/max_threads/);
  });
});
