import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/run.js';
import type { IngestContext } from '../../src/ingest/source.js';
import { source as clicks } from '../../src/ingest/clicks/index.js';
import { source as whatsapp } from '../../src/ingest/whatsapp/index.js';
import { createReceiver, type Receiver } from '../../src/serve/receiver.js';
import { signatureHeader } from '../../src/serve/signature.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';

const APP_SECRET = 'replay-secret-0b7d';
const SAMPLES = '/work/shared/samples/webhooks';

const CONTEXT: IngestContext = {
  defaultRegion: 'HK',
  timezone: 'Asia/Hong_Kong',
  businessSenderNames: [],
  ingestedAtMs: Date.parse('2026-11-26T00:00:00Z'),
  maxRecordBytes: 4 * 1024 * 1024,
};

describe.each(TARGETS)('serve → landing log → ingest whatsapp into $name', (target) => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-replay-'));
  const landingDir = join(dir, 'landing');
  let receiver: Receiver;
  let base: string;
  let warehouse: Warehouse;

  beforeAll(async () => {
    writeFileSync(join(dir, 'links.json'), JSON.stringify({ links: { AbC123: { url: 'https://shop.example/p/coat-42', message_id: 'wamid.sent-1' } } }));
    receiver = createReceiver({
      secrets: { appSecret: APP_SECRET, verifyToken: 'unused' },
      webhookPath: '/webhook',
      landingDir,
      linksFile: join(dir, 'links.json'),
      maxBodyBytes: 1024 * 1024,
      log: () => undefined,
    });
    base = `http://127.0.0.1:${(await receiver.listen(0, '127.0.0.1')).port}`;
    warehouse = await target.open();
    await initWarehouse(warehouse);
  });

  afterAll(async () => {
    await receiver.close();
    await warehouse?.close();
  });

  const deliver = (body: string) =>
    fetch(`${base}/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureHeader(body, APP_SECRET) } });

  it('stores a body delivered twice (Meta retries) as one message, and a third run adds nothing', async () => {
    const body = readFileSync(join(SAMPLES, 'inbound-text.json'), 'utf8');
    const messageId = JSON.parse(body).entry[0].changes[0].value.messages[0].id as string;
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    const forged = body.replace(messageId, 'wamid.FORGED');
    const refused = await fetch(`${base}/webhook`, { method: 'POST', body: forged, headers: { 'x-hub-signature-256': signatureHeader(body, APP_SECRET) } });
    expect(refused.status).toBe(401);

    const files = readdirSync(landingDir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(landingDir, files[0]), 'utf8').trim().split('\n')).toHaveLength(2);

    const first = await ingest(warehouse, whatsapp, [landingDir], { context: CONTEXT, progress: 'off' });
    expect(first.records).toBe(2);
    expect(first.rejected).toBe(0);
    expect(first.tables.raw_messages).toEqual({ loaded: 1, duplicates: 1 });
    const rows = await warehouse.query<{ message_id: string; n: number }>('SELECT message_id, count(*) AS n FROM raw_messages GROUP BY message_id');
    expect(rows).toEqual([{ message_id: messageId, n: 1 }]);

    const second = await ingest(warehouse, whatsapp, [landingDir], { context: CONTEXT, progress: 'off' });
    expect(second.tables.raw_messages?.loaded ?? 0).toBe(0);
    expect(await warehouse.query('SELECT count(*) AS n FROM raw_messages')).toEqual([{ n: 1 }]);
    expect(await warehouse.query("SELECT count(*) AS n FROM raw_messages WHERE message_id = 'wamid.FORGED'")).toEqual([{ n: 0 }]);
  });

  it('loads the sample bodies delivered through the receiver exactly as read from the sample files', async () => {
    const samples = readdirSync(SAMPLES).filter((name) => name.endsWith('.json')).sort();
    for (const name of samples) expect((await deliver(readFileSync(join(SAMPLES, name), 'utf8'))).status).toBe(200);
    const viaReceiver = await ingest(warehouse, whatsapp, [landingDir], { context: CONTEXT, progress: 'off' });
    expect(viaReceiver.rejected).toBe(0);
    const snapshot = async () => ({
      messages: await warehouse.query('SELECT message_id, type, text, ts_ms FROM raw_messages ORDER BY message_id'),
      statuses: await warehouse.query('SELECT message_id, status, ts_ms FROM raw_statuses ORDER BY message_id, status'),
    });
    const landed = await snapshot();
    expect(landed.messages.length).toBeGreaterThan(1);
    expect(landed.statuses.length).toBeGreaterThan(0);

    // Reading the sample files themselves finds nothing the landing log did not already bring.
    const direct = await ingest(warehouse, whatsapp, samples.map((name) => join(SAMPLES, name)), { context: CONTEXT, progress: 'off' });
    expect(direct.tables.raw_messages?.loaded ?? 0).toBe(0);
    expect(direct.tables.raw_statuses?.loaded ?? 0).toBe(0);
    expect(await snapshot()).toEqual(landed);
  });

  it('loads each recorded click once into raw_clicks with the ingest clicks source', async () => {
    for (const agent of ['Mozilla/5.0 (iPhone)', 'Mozilla/5.0 (Android)']) {
      const res = await fetch(`${base}/l/AbC123`, { redirect: 'manual', headers: { 'user-agent': agent } });
      expect(res.status).toBe(302);
    }
    const clickLog = readdirSync(landingDir).filter((name) => name.startsWith('clicks-')).map((name) => join(landingDir, name));
    expect(clickLog).toHaveLength(1);
    const first = await ingest(warehouse, clicks, clickLog, { context: CONTEXT, progress: 'off' });
    expect(first.rejected).toBe(0);
    expect(first.tables.raw_clicks).toEqual({ loaded: 2, duplicates: 0 });
    const again = await ingest(warehouse, clicks, clickLog, { context: CONTEXT, progress: 'off' });
    // The log's loaded offset is stored: a second run reads no line of it again.
    expect([again.records, again.tables.raw_clicks?.loaded ?? 0]).toEqual([0, 0]);
    const rows = await warehouse.query('SELECT token, message_id, url, user_agent FROM raw_clicks ORDER BY user_agent');
    expect(rows).toEqual([
      { token: 'AbC123', message_id: 'wamid.sent-1', url: 'https://shop.example/p/coat-42', user_agent: 'Mozilla/5.0 (Android)' },
      { token: 'AbC123', message_id: 'wamid.sent-1', url: 'https://shop.example/p/coat-42', user_agent: 'Mozilla/5.0 (iPhone)' },
    ]);
  });
});
