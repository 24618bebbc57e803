/**
 * The live receiver behind `scrm serve`: the WhatsApp Cloud API webhook (GET handshake, signed POST
 * deliveries landed durably before the 200) and tracked links (`GET /l/<token>` → click landed,
 * 302 to the target). It only lands what arrives; `scrm ingest whatsapp|clicks data/landing` loads it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyChallenge } from './handshake.js';
import { DailyLandingLog } from './landing-log.js';
import { LinkRegistry } from './links.js';
import type { ServeSecrets } from './secrets.js';
import { checkSignature } from './signature.js';

export interface ReceiverOptions {
  secrets: ServeSecrets;
  webhookPath: string;
  landingDir: string;
  linksFile: string;
  maxBodyBytes: number;
  /** Where request problems are reported (never with a secret, a signature or a body). */
  log?: (line: string) => void;
}

export interface Receiver {
  readonly server: Server;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking requests, waits for landing writes in flight, closes the logs. */
  close(): Promise<void>;
}

/** The `clicks` NDJSON record, as `scrm ingest clicks` reads it. */
export interface ClickRecord {
  click_id: string;
  token: string;
  message_id: string | null;
  url: string;
  clicked_at: string;
  user_agent: string | null;
}

const LINK_PREFIX = '/l/';

class BodyTooLarge extends Error {}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The body as one NDJSON line. JSON strings cannot hold a raw line break, so breaks are only
 * whitespace between tokens: replacing them keeps every value byte for byte.
 */
function landingLine(body: Buffer): string | null {
  const text = body.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  return text.replace(/\r\n|\r|\n/gu, ' ').trim();
}

export function createReceiver(options: ReceiverOptions): Receiver {
  const log = options.log ?? ((line: string) => console.error(line));
  const webhooks = new DailyLandingLog(options.landingDir, 'webhooks');
  const clicks = new DailyLandingLog(options.landingDir, 'clicks');
  const links = new LinkRegistry(options.linksFile, log);
  const refuse = (req: IncomingMessage, status: number, why: string) => log(`scrm serve: ${status} ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${why}`);

  async function delivery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      refuse(req, 413, `body over ${options.maxBodyBytes} bytes`);
      return send(res, 413, 'payload too large', { connection: 'close' });
    }
    const header = req.headers['x-hub-signature-256'];
    const check = checkSignature(body, Array.isArray(header) ? header[0] : header, options.secrets.appSecret);
    if (check !== 'valid') {
      refuse(req, 401, `${check} X-Hub-Signature-256`);
      return send(res, 401, 'invalid signature');
    }
    const line = landingLine(body);
    if (line === null) {
      refuse(req, 400, 'signed body is not JSON');
      return send(res, 400, 'body is not JSON');
    }
    try {
      await webhooks.append(line);
    } catch (error) {
      refuse(req, 500, `landing log write failed: ${(error as Error).message}`);
      return send(res, 500, 'could not store the delivery');
    }
    send(res, 200, 'EVENT_RECEIVED');
  }

  async function click(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const link = await links.lookup(token);
    if (!link) return send(res, 404, 'unknown link');
    const record: ClickRecord = {
      click_id: `clk_${randomBytes(12).toString('hex')}`,
      token,
      message_id: link.message_id,
      url: link.url,
      clicked_at: new Date().toISOString(),
      user_agent: req.headers['user-agent'] ?? null,
    };
    try {
      await clicks.append(JSON.stringify(record));
    } catch (error) {
      // The visitor still gets where they were going; the lost click is reported, not hidden.
      refuse(req, 302, `click ${record.click_id} on ${token} not recorded: ${(error as Error).message}`);
    }
    send(res, 302, '', { location: link.url, 'cache-control': 'no-store' });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname === options.webhookPath) {
      if (req.method === 'GET') {
        const answer = verifyChallenge(url.searchParams, options.secrets.verifyToken);
        if (answer === null) refuse(req, 403, 'verification handshake refused');
        return answer === null ? send(res, 403, 'forbidden') : send(res, 200, answer);
      }
      if (req.method === 'POST') return delivery(req, res);
      return send(res, 405, 'method not allowed', { allow: 'GET, POST' });
    }
    if (url.pathname.startsWith(LINK_PREFIX)) {
      if (req.method !== 'GET') return send(res, 405, 'method not allowed', { allow: 'GET' });
      return click(req, res, url.pathname.slice(LINK_PREFIX.length));
    }
    send(res, 404, 'not found');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: Error) => {
      refuse(req, 500, error.message);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  return {
    server,
    async listen(port, host) {
      await links.load();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await Promise.all([webhooks.close(), clicks.close()]);
    },
  };
}
