import type { DeliveryFailure } from './types.js';

export type HttpResult = { ok: true; status: number; body: unknown } | DeliveryFailure;

/**
 * POSTs a JSON body and classifies the answer: 2xx is success; 429, 408, 425 and 5xx are worth
 * retrying (429 with its Retry-After); other 4xx are not; a timeout or a network error is.
 * Error messages carry the status and the start of the response body, never the request headers.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return networkFailure(error, url, timeoutMs);
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { ok: true, status: response.status, body: parseJson(text) };
  const status = response.status;
  const retryable = status === 429 || status === 408 || status === 425 || status >= 500;
  return {
    ok: false,
    code: `http_${status}`,
    message: `${url} answered ${status}: ${text.slice(0, 300)}`,
    retryable,
    retryAfterMs: status === 429 ? retryAfterMs(response.headers.get('retry-after')) : undefined,
  };
}

function networkFailure(error: unknown, url: string, timeoutMs: number): DeliveryFailure {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { ok: false, code: 'timeout', message: `${url} did not answer within ${timeoutMs} ms`, retryable: true };
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return { ok: false, code: cause?.code ?? 'network', message: `${url}: ${cause?.message ?? (error as Error).message}`, retryable: true };
}

/** Retry-After is whole seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Remembers a server's 429 Retry-After across requests of a run, so that a sink sends nothing
 * more to it before that time: requests that would go earlier are deferred instead.
 */
export class RateGate {
  private resumeAt = 0;

  observe(result: HttpResult | DeliveryFailure): void {
    if (!result.ok && result.retryAfterMs !== undefined) this.resumeAt = Math.max(this.resumeAt, Date.now() + result.retryAfterMs);
  }

  /** How long to hold back now (ms), or null when requests may go. */
  holdFor(): number | null {
    const wait = this.resumeAt - Date.now();
    return wait > 0 ? wait : null;
  }
}
