import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that plays a scripted sequence of answers: a 500, a 429 with
 * Retry-After, a timeout (never answers), an answer lost after the work was done, or success.
 */
export type Behaviour = 'ok' | '500' | '429' | 'timeout' | 'done-then-timeout' | '400';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  behaviour: Behaviour;
}

/** What the application behind the endpoint does with a request that gets through; returns the status and JSON answer. */
export type Handler = (request: Received) => { status: number; body: unknown };

export interface ScriptedServer {
  url: string;
  received: Received[];
  /** Answers to play in order; when empty, every request is 'ok'. */
  plan: Behaviour[];
  /** Called on each request before answering (e.g. to kill a client mid-sync). */
  onRequest?: (request: Received, index: number) => void;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: Handler, retryAfterSeconds = 1): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const state: ScriptedServer = { url: '', received: [], plan: [], close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const behaviour = state.plan.shift() ?? 'ok';
      const request: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), behaviour };
      state.received.push(request);
      state.onRequest?.(request, state.received.length - 1);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      switch (behaviour) {
        case '500':
          return json(500, { status: 'error', message: 'internal error' });
        case '400':
          return json(400, { status: 'error', message: 'bad request', category: 'VALIDATION_ERROR' });
        case '429':
          return json(429, { status: 'error', errorType: 'RATE_LIMIT', message: 'You have reached your secondly limit.' }, { 'retry-after': String(retryAfterSeconds) });
        case 'timeout':
          return; // hold the request open: the client gives up
        case 'done-then-timeout':
          handler(request);
          return;
        case 'ok': {
          const answer = handler(request);
          return json(answer.status, answer.body);
        }
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
