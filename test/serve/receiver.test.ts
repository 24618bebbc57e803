import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver, type ClickRecord, type Receiver } from '../../src/serve/receiver.js';
import { signatureHeader } from '../../src/serve/signature.js';
import { utcDay } from '../../src/serve/landing-log.js';

const APP_SECRET = 'app-secret-for-tests-3f9a';
const VERIFY_TOKEN = 'verify-token-for-tests-77c1';
const SAMPLES = '/work/shared/samples/webhooks';

describe('scrm serve receiver over 127.0.0.1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-serve-'));
  const landingDir = join(dir, 'landing');
  const linksFile = join(dir, 'links.json');
  const logged: string[] = [];
  let receiver: Receiver;
  let base: string;

  const webhookFile = () => join(landingDir, `webhooks-${utcDay(new Date())}.ndjson`);
  const clicksFile = () => join(landingDir, `clicks-${utcDay(new Date())}.ndjson`);
  const landedLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : []);

  function post(body: string, headers: Record<string, string>) {
    return fetch(`${base}/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  }

  beforeAll(async () => {
    writeFileSync(linksFile, JSON.stringify({ links: { AbC123: { url: 'https://shop.example/p/coat-42', message_id: 'wamid.HBgLODUyOTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0' } } }));
    receiver = createReceiver({
      secrets: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
      webhookPath: '/webhook',
      landingDir,
      linksFile,
      maxBodyBytes: 64 * 1024,
      log: (line) => logged.push(line),
    });
    const address = await receiver.listen(0, '127.0.0.1');
    expect(address.address).toBe('127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await receiver.close();
  });

  describe('verification handshake', () => {
    const handshake = (query: string) => fetch(`${base}/webhook?${query}`);

    it('echoes the challenge when the verify token matches', async () => {
      const res = await handshake(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', 'hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1'],
      ['a token that only starts right', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN.slice(0, -1)}&hub.challenge=1`],
      ['no token', 'hub.mode=subscribe&hub.challenge=1'],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
      ['no challenge', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`],
    ])('answers 403 to %s', async (_case, query) => {
      const res = await handshake(query);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('1');
    });
  });

  describe('deliveries', () => {
    it('lands a correctly signed body, as received, before answering 200', async () => {
      const body = readFileSync(join(SAMPLES, 'inbound-text.json'), 'utf8');
      const before = landedLines(webhookFile()).length;
      const res = await post(body, { 'x-hub-signature-256': signatureHeader(body, APP_SECRET) });
      expect(res.status).toBe(200);
      const lines = landedLines(webhookFile());
      expect(lines).toHaveLength(before + 1);
      expect(JSON.parse(lines.at(-1)!)).toEqual(JSON.parse(body));
    });

    it('keeps a pretty-printed body on one NDJSON line, every value byte for byte', async () => {
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', text: 'línea\nuno 😊' }] }, null, 2);
      const res = await post(body, { 'x-hub-signature-256': signatureHeader(body, APP_SECRET) });
      expect(res.status).toBe(200);
      const line = landedLines(webhookFile()).at(-1)!;
      expect(JSON.parse(line)).toEqual(JSON.parse(body));
      expect(line).toContain('"text": "línea\\nuno 😊"');
    });

    it.each([
      ['signed with another secret', (body: string) => ({ 'x-hub-signature-256': signatureHeader(body, 'not-the-secret') })],
      ['signed over a different body', (body: string) => ({ 'x-hub-signature-256': signatureHeader(`${body} `, APP_SECRET) })],
      ['with no signature', () => ({})],
      ['with an empty signature', () => ({ 'x-hub-signature-256': '' })],
      ['with the SHA-1 header only', (body: string) => ({ 'x-hub-signature': signatureHeader(body, APP_SECRET).replace('sha256', 'sha1') })],
      ['with a truncated signature', (body: string) => ({ 'x-hub-signature-256': signatureHeader(body, APP_SECRET).slice(0, -2) })],
      ['with a signature in another scheme', (body: string) => ({ 'x-hub-signature-256': signatureHeader(body, APP_SECRET).replace('sha256=', 'sha512=') })],
    ])('refuses a body %s with 401 and stores nothing', async (_case, headers) => {
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'forged' }] });
      const before = landedLines(webhookFile()).length;
      const res = await post(body, headers(body));
      expect(res.status).toBe(401);
      expect(landedLines(webhookFile())).toHaveLength(before);
      expect(landedLines(webhookFile()).some((line) => line.includes('forged'))).toBe(false);
    });

    it('refuses a signed body that is not JSON (400) and one over the size limit (413), storing neither', async () => {
      const before = landedLines(webhookFile()).length;
      const text = 'not json {';
      expect((await post(text, { 'x-hub-signature-256': signatureHeader(text, APP_SECRET) })).status).toBe(400);
      const huge = JSON.stringify({ pad: 'x'.repeat(70 * 1024) });
      expect((await post(huge, { 'x-hub-signature-256': signatureHeader(huge, APP_SECRET) })).status).toBe(413);
      expect(landedLines(webhookFile())).toHaveLength(before);
    });

    it('lands every one of many concurrent deliveries exactly once, each on its own line', async () => {
      const before = landedLines(webhookFile()).length;
      const bodies = Array.from({ length: 60 }, (_, i) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: `concurrent-${i}` }] }));
      const statuses = await Promise.all(bodies.map(async (body) => (await post(body, { 'x-hub-signature-256': signatureHeader(body, APP_SECRET) })).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
      const lines = landedLines(webhookFile()).slice(before);
      expect(lines.map((line) => JSON.parse(line).entry[0].id).sort()).toEqual(bodies.map((body) => JSON.parse(body).entry[0].id).sort());
    });

    it('answers 405 to other methods and 404 elsewhere', async () => {
      expect((await fetch(`${base}/webhook`, { method: 'PUT', body: '{}' })).status).toBe(405);
      expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    });
  });

  describe('tracked links', () => {
    it('records the click in the clicks NDJSON format and redirects to the target', async () => {
      const before = landedLines(clicksFile()).length;
      const res = await fetch(`${base}/l/AbC123`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (test)' } });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://shop.example/p/coat-42');
      const lines = landedLines(clicksFile());
      expect(lines).toHaveLength(before + 1);
      const click = JSON.parse(lines.at(-1)!) as ClickRecord;
      expect(click).toEqual({
        click_id: expect.stringMatching(/^clk_[0-9a-f]{24}$/u),
        token: 'AbC123',
        message_id: 'wamid.HBgLODUyOTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0',
        url: 'https://shop.example/p/coat-42',
        clicked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u),
        user_agent: 'Mozilla/5.0 (test)',
      });
      expect(Math.abs(Date.parse(click.clicked_at) - Date.now())).toBeLessThan(60_000);
      // The sample clicks file has the same fields (user_agent is the receiver's addition).
      const sample = JSON.parse(readFileSync('/work/shared/samples/clicks.ndjson', 'utf8').split('\n')[0]);
      expect(Object.keys(click).filter((key) => key !== 'user_agent').sort()).toEqual(Object.keys(sample).sort());
    });

    it('gives each click its own id', async () => {
      const before = landedLines(clicksFile()).length;
      await fetch(`${base}/l/AbC123`, { redirect: 'manual' });
      await fetch(`${base}/l/AbC123`, { redirect: 'manual' });
      const ids = landedLines(clicksFile()).slice(before).map((line) => JSON.parse(line).click_id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
    });

    it('answers 404 to unknown or malformed tokens, recording nothing', async () => {
      const before = landedLines(clicksFile()).length;
      for (const path of ['/l/Nope99', '/l/', '/l/a%2Fb', '/l/AbC123/extra']) {
        expect((await fetch(`${base}${path}`, { redirect: 'manual' })).status).toBe(404);
      }
      expect(landedLines(clicksFile())).toHaveLength(before);
    });

    it('picks up links added to the registry while running, and keeps the last good one over a broken edit', async () => {
      writeFileSync(linksFile, JSON.stringify({ links: { AbC123: { url: 'https://shop.example/p/coat-42' }, New_1: { url: 'https://shop.example/new' } } }));
      const res = await fetch(`${base}/l/New_1`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://shop.example/new');
      expect(JSON.parse(landedLines(clicksFile()).at(-1)!).message_id).toBeNull();

      writeFileSync(linksFile, '{ "links": { broken');
      expect((await fetch(`${base}/l/New_1`, { redirect: 'manual' })).status).toBe(302);
      expect(logged.some((line) => line.includes('keeping the previous links') && line.includes('not valid JSON'))).toBe(true);
    });
  });

  it('never writes a secret or a signature to its log', () => {
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(APP_SECRET);
      expect(line).not.toContain(VERIFY_TOKEN);
      expect(line).not.toMatch(/sha256=[0-9a-f]{8}/u);
    }
    expect(logged.some((line) => line.includes('401 POST /webhook: mismatch X-Hub-Signature-256'))).toBe(true);
    expect(readdirSync(landingDir).sort()).toEqual([`clicks-${utcDay(new Date())}.ndjson`, `webhooks-${utcDay(new Date())}.ndjson`]);
  });
});
