import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { applyRetention } from '../../src/retention/retention.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';

// A table TTL (current ClickHouse) expires rows against the server's wall clock, so "now" is the real
// clock plus a minute: the row exactly at the cutoff must still be inside the window while the test runs.
const NOW = Math.floor(Date.now() / 1000) * 1000 + 60_000;
const DAY = 86_400_000;
const CUTOFF = NOW - 180 * DAY;
/** Ages straddling the 180-day limit, including an event exactly at the cutoff (kept). */
const TIMES = [NOW - 400 * DAY, NOW - 181 * DAY, CUTOFF - 1, CUTOFF, NOW - 179 * DAY, NOW - DAY];

const base = { raw_json: '{}', source_file: 'f', source_line: 1, ingested_at_ms: NOW };

describe.each(TARGETS)('raw retention on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
    await warehouse.insert('raw_messages', TIMES.map((ts, i) => ({
      ...base, message_id: `m${i}`, source: 'whatsapp', customer_phone: '+85291234567', direction: 'inbound',
      sender_kind: 'customer', type: 'text', text_norm: '', tokens: [], emojis: [], ts_ms: ts, ts,
    })));
    await warehouse.insert('raw_statuses', TIMES.map((ts, i) => ({ ...base, message_id: `m${i}`, status: 'sent', recipient_phone: '+85291234567', ts_ms: ts, ts })));
    await warehouse.insert('raw_clicks', TIMES.map((ts, i) => ({ ...base, click_id: `c${i}`, token: 't', url: 'https://x', ts_ms: ts, ts })));
    await warehouse.replaceTable('mart_daily_probe', 'SELECT ts_ms, count(*) AS messages FROM raw_messages GROUP BY ts_ms', { orderBy: ['ts_ms'] });
  });
  afterAll(async () => warehouse?.close());

  it('removes exactly the events older than the limit and leaves marts intact', async () => {
    const martBefore = await warehouse.query('SELECT ts_ms, messages FROM mart_daily_probe ORDER BY ts_ms');
    const summary = await applyRetention(warehouse, { retentionDays: 180, nowMs: NOW });
    expect(summary.cutoffMs).toBe(CUTOFF);
    expect(summary.removed).toEqual({ raw_messages: 3, raw_statuses: 3, raw_clicks: 3 });
    const kept = TIMES.filter((ts) => ts >= CUTOFF);
    for (const table of ['raw_messages', 'raw_statuses', 'raw_clicks']) {
      const rows = await warehouse.query<{ ts_ms: number }>(`SELECT ts_ms FROM ${table} ORDER BY ts_ms`);
      expect(rows.map((r) => r.ts_ms), table).toEqual(kept);
    }
    expect(await warehouse.query('SELECT ts_ms, messages FROM mart_daily_probe ORDER BY ts_ms')).toEqual(martBefore);
    expect(martBefore).toHaveLength(TIMES.length);
  });

  it('is idempotent: a second run removes nothing', async () => {
    const summary = await applyRetention(warehouse, { retentionDays: 180, nowMs: NOW });
    expect(summary.removed).toEqual({ raw_messages: 0, raw_statuses: 0, raw_clicks: 0 });
  });

  it('sets a table TTL where the ClickHouse release has one (19.6+), and not on 18.16', async () => {
    const summary = await applyRetention(warehouse, { retentionDays: 200, nowMs: NOW });
    expect(summary.ttl).toBe(target.name === 'chdb');
    if (target.name === 'chdb') {
      const [row] = await warehouse.query<{ statement: string }>('SHOW CREATE TABLE raw_messages');
      expect(row.statement).toMatch(/TTL ts \+ toIntervalDay\(200\)/);
    }
  });
});

describe('retention config', () => {
  it('refuses a retention shorter than the 180 days the business requires', () => {
    const result = configSchema.safeParse({ retention_days: 90 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['retention_days']);
    expect(configSchema.parse({}).retention_days).toBe(400);
  });
});
