/**
 * Meta signs each webhook delivery: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>`. Verification must use the bytes as received, before any parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/iu;

function digest(body: Buffer | string, appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update(body).digest();
}

/** The header value a sender holding `appSecret` puts on `body`. */
export function signatureHeader(body: Buffer | string, appSecret: string): string {
  return `sha256=${digest(body, appSecret).toString('hex')}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

/** Checks the header against the body in constant time (the comparison never stops at the first differing byte). */
export function checkSignature(body: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const match = HEADER_FORMAT.exec(header.trim());
  if (!match) return 'malformed';
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(given, digest(body, appSecret)) ? 'valid' : 'mismatch';
}
