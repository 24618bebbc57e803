/**
 * The webhook verification handshake: when the callback URL is registered, Meta sends
 * `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>` and expects the challenge
 * echoed back, which proves the endpoint belongs to whoever chose the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first gives equal-length buffers, so the comparison time says nothing about the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The challenge to echo, or null when the request is not a valid subscription handshake. */
export function verifyChallenge(query: URLSearchParams, verifyToken: string): string | null {
  const mode = query.get('hub.mode');
  const token = query.get('hub.verify_token');
  const challenge = query.get('hub.challenge');
  if (mode !== 'subscribe' || token === null || challenge === null || challenge === '') return null;
  return sameSecret(token, verifyToken) ? challenge : null;
}
