import type { RetryPolicy } from './config.js';
import type { DeliveryFailure } from './sinks/types.js';

export type NextStep = { retry: true; delayMs: number } | { retry: false };

/**
 * After the `failures`-th failure of a delivery: retry at once for the first `immediate` ones, then
 * `interval` apart (× `backoff` each time) for `later` more, then give up. A server's Retry-After
 * is never cut short; a failure that cannot succeed on retry (a 400, a rejected row) gives up now.
 */
export function nextStep(policy: RetryPolicy, failures: number, failure: DeliveryFailure): NextStep {
  if (!failure.retryable) return { retry: false };
  let delayMs: number;
  if (failures <= policy.immediate) delayMs = 0;
  else if (failures <= policy.immediate + policy.later) delayMs = policy.interval * policy.backoff ** (failures - policy.immediate - 1);
  else return { retry: false };
  return { retry: true, delayMs: Math.max(delayMs, failure.retryAfterMs ?? 0) };
}
