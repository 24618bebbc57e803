import { createHmac } from 'node:crypto';
import type { Handler, Received } from './server.js';

/**
 * A webhook receiver as a CRM would run it: it checks the signature, stores each idempotency key
 * once and answers a repeated key as already done, remembering whether the repeat's body differed.
 */
export interface WebhookReceiver {
  handler: Handler;
  /** Idempotency key → body, first delivery only. */
  accepted: Map<string, string>;
  repeats: string[];
  /** Repeats whose body was not byte-identical to the first delivery. */
  changedRepeats: string[];
  badSignatures: number;
}

export function webhookReceiver(secret: string, header = 'x-scrm-signature-256'): WebhookReceiver {
  const receiver: WebhookReceiver = { handler: () => ({ status: 200, body: {} }), accepted: new Map(), repeats: [], changedRepeats: [], badSignatures: 0 };
  receiver.handler = (request: Received) => {
    if (!validSignature(request, secret, header)) {
      receiver.badSignatures += 1;
      return { status: 401, body: { error: 'bad signature' } };
    }
    const key = String(request.headers['idempotency-key']);
    const first = receiver.accepted.get(key);
    if (first !== undefined) {
      receiver.repeats.push(key);
      if (first !== request.body) receiver.changedRepeats.push(key);
      return { status: 200, body: { duplicate: true } };
    }
    receiver.accepted.set(key, request.body);
    return { status: 200, body: { ok: true } };
  };
  return receiver;
}

export function validSignature(request: Received, secret: string, header = 'x-scrm-signature-256'): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`;
  return request.headers[header] === expected;
}
