import { createHmac } from 'node:crypto';
import type { ItemKind, WebhookSinkConfig } from '../config.js';
import { envelope } from './envelope.js';
import { postJson, RateGate } from './http.js';
import { sinkIdentity } from './identity.js';
import { secretFromEnv } from './secrets.js';
import type { Delivery, DeliveryResult, Sink } from './types.js';

/**
 * One JSON POST per item: the delivery's envelope (the same bytes on every retry), signed with
 * HMAC-SHA256 (`sha256=<hex>` in the signature header), with the delivery id as `Idempotency-Key`
 * so the receiver can drop a repeat.
 */
export class WebhookSink implements Sink {
  readonly type = 'webhook';
  readonly batchSize: number;
  readonly name: string;
  readonly kinds: readonly ItemKind[];
  private readonly secret: string;
  private readonly gate = new RateGate();

  constructor(
    private readonly config: WebhookSinkConfig,
    env: NodeJS.ProcessEnv,
  ) {
    ({ name: this.name, kinds: this.kinds } = sinkIdentity(config));
    this.batchSize = config.batch_size;
    this.secret = secretFromEnv(env, config.secret_env, this.name);
  }

  accepts(): boolean {
    return true;
  }

  /** After a 429, nothing is sent until its Retry-After has passed: the deliveries meanwhile are deferred. */
  async deliver(batch: readonly Delivery[]): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = [];
    for (const delivery of batch) {
      const hold = this.gate.holdFor();
      if (hold !== null) {
        results.push({ ok: false, deferred: true, retryAfterMs: hold });
        continue;
      }
      const body = envelope(delivery);
      const result = await postJson(
        this.config.url,
        body,
        {
          'idempotency-key': delivery.delivery_id,
          [this.config.signature_header]: `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`,
        },
        this.config.timeout,
      );
      this.gate.observe(result);
      results.push(result.ok ? { ok: true } : result);
    }
    return results;
  }

  holdFor(): number | null {
    return this.gate.holdFor();
  }

  async close(): Promise<void> {}
}

