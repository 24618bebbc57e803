import type { HubSpotSinkConfig, ItemKind } from '../config.js';
import type { Json, SyncItem } from '../items.js';
import { postJson, RateGate, type HttpResult } from './http.js';
import { sinkIdentity } from './identity.js';
import { secretFromEnv } from './secrets.js';
import type { Delivery, DeliveryResult, Sink } from './types.js';

interface BatchError {
  category?: string;
  message?: string;
  context?: { ids?: string[] };
}

interface BatchResponse {
  results?: { id?: string; objectWriteTraceId?: string }[];
  errors?: BatchError[];
}

const PRIORITY: Record<string, string> = { critical: 'HIGH', warning: 'MEDIUM', info: 'LOW' };

/**
 * HubSpot's public CRM API: customer items become contact properties through
 * `POST /crm/v3/objects/contacts/batch/update` (at most 100 inputs, one per contact, the items of
 * one contact merged); alerts become tasks through `/crm/v3/objects/tasks/batch/create`, or
 * `batch/upsert` keyed by a unique task property so that a retry cannot create a second task.
 * A 207 answer is split per input: the inputs it names as failed fail, the rest are delivered.
 */
export class HubSpotSink implements Sink {
  readonly type = 'hubspot';
  readonly name: string;
  readonly kinds: readonly ItemKind[];
  readonly batchSize: number;
  private readonly token: string;
  private readonly gate = new RateGate();

  constructor(
    private readonly config: HubSpotSinkConfig,
    env: NodeJS.ProcessEnv,
  ) {
    ({ name: this.name, kinds: this.kinds } = sinkIdentity(config));
    this.batchSize = config.batch_size;
    this.token = secretFromEnv(env, config.token_env, this.name);
  }

  /** A customer item needs a contact to land on: the unique property holding customer_key, or a HubSpot record id. */
  accepts(item: SyncItem): boolean {
    return item.kind === 'alert' || this.contactId(item.payload) !== null;
  }

  /** After a 429, nothing is sent until its Retry-After has passed: requests meanwhile are deferred. */
  async deliver(batch: readonly Delivery[]): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = new Array(batch.length);
    const indexed = batch.map((d, i) => [d, i] as const);
    const calls = [
      [indexed.filter(([d]) => d.kind !== 'alert'), this.updateContacts],
      [indexed.filter(([d]) => d.kind === 'alert'), this.writeTasks],
    ] as const;
    for (const [items, send] of calls) {
      if (items.length === 0) continue;
      const hold = this.gate.holdFor();
      if (hold === null) await send.call(this, items, results);
      else for (const [, index] of items) results[index] = { ok: false, deferred: true, retryAfterMs: hold };
    }
    return results;
  }

  holdFor(): number | null {
    return this.gate.holdFor();
  }

  async close(): Promise<void> {}

  private async updateContacts(items: readonly (readonly [Delivery, number])[], results: DeliveryResult[]): Promise<void> {
    const byContact = new Map<string, { properties: Record<string, string>; indexes: number[] }>();
    for (const [delivery, index] of items) {
      const id = this.contactId(delivery.data) as string;
      const entry = byContact.get(id) ?? { properties: {}, indexes: [] };
      Object.assign(entry.properties, this.contactProperties(delivery));
      entry.indexes.push(index);
      byContact.set(id, entry);
    }
    const idProperty = this.config.contact_id_property;
    const inputs = [...byContact].map(([id, { properties }]) => ({ id, properties, ...(idProperty ? { idProperty } : {}) }));
    const answer = await this.post('/crm/v3/objects/contacts/batch/update', { inputs });
    for (const [id, { indexes }] of byContact) {
      const result = inputResult(answer, (r) => r.id === id, (e) => e.context?.ids?.includes(id) ?? false);
      for (const index of indexes) results[index] = result;
    }
  }

  private async writeTasks(items: readonly (readonly [Delivery, number])[], results: DeliveryResult[]): Promise<void> {
    const idProperty = this.config.task_id_property;
    const inputs = items.map(([delivery]) => ({
      ...(idProperty ? { id: delivery.key, idProperty } : {}),
      objectWriteTraceId: delivery.delivery_id,
      properties: taskProperties(delivery.data),
    }));
    const answer = await this.post(`/crm/v3/objects/tasks/batch/${idProperty ? 'upsert' : 'create'}`, { inputs });
    for (const [delivery, index] of items) {
      results[index] = inputResult(answer, (r) => r.objectWriteTraceId === delivery.delivery_id, () => false);
    }
  }

  private async post(path: string, body: unknown): Promise<HttpResult> {
    const url = `${this.config.base_url.replace(/\/+$/, '')}${path}`;
    const result = await postJson(url, JSON.stringify(body), { authorization: `Bearer ${this.token}` }, this.config.timeout);
    this.gate.observe(result);
    return result;
  }

  private contactId(data: { [key: string]: Json }): string | null {
    const value = this.config.contact_id_property ? data.customer_key : data.crm_id;
    return typeof value === 'string' && value !== '' ? value : null;
  }

  private contactProperties(delivery: Delivery): Record<string, string> {
    const p = this.config.property_prefix;
    const d = delivery.data;
    const text = (value: Json | undefined) => (value === null || value === undefined ? '' : String(value));
    if (delivery.kind === 'churn_flag') {
      return {
        [`${p}churn_risk`]: text(d.risk_band),
        [`${p}churn_probability`]: text(d.probability),
        [`${p}churn_reasons`]: Array.isArray(d.reasons) ? d.reasons.join('; ') : '',
        [`${p}recovery_candidate`]: text(d.recovery_candidate),
        [`${p}churn_action`]: text(d.suggested_action),
      };
    }
    if (delivery.kind === 'segment_tag') return { [`${p}segment`]: text(d.segment), [`${p}segment_action`]: text(d.suggested_action) };
    return { [`${p}price_sensitive`]: text(d.price_sensitive) };
  }
}

function taskProperties(alert: { [key: string]: Json }): Record<string, string> {
  const period = alert.period_start === alert.period_end ? alert.period_start : `${alert.period_start} to ${alert.period_end}`;
  return {
    hs_timestamp: new Date(Number(alert.raised_at_ms)).toISOString(),
    hs_task_subject: `[${alert.severity}] ${alert.rule_id} ${period}${alert.dimension ? ` (${alert.dimension})` : ''}`,
    hs_task_body: String(alert.message),
    hs_task_status: 'NOT_STARTED',
    hs_task_priority: PRIORITY[String(alert.severity)] ?? 'MEDIUM',
    hs_task_type: 'TODO',
  };
}

/**
 * The outcome of one input of a batch call: the call's own failure; or, on a 207, failed when an
 * error names the input, delivered when every error names its inputs or the results list it.
 */
function inputResult(answer: HttpResult, inResults: (r: { id?: string; objectWriteTraceId?: string }) => boolean, named: (e: BatchError) => boolean): DeliveryResult {
  if (!answer.ok) return answer;
  const body = (answer.body ?? {}) as BatchResponse;
  if (answer.status !== 207 || !body.errors?.length) return { ok: true };
  const attributable = body.errors.every((e) => e.context?.ids?.length);
  const error = body.errors.find(named) ?? (attributable || body.results?.some(inResults) ? undefined : body.errors[0]);
  if (!error) return { ok: true };
  return { ok: false, code: `hubspot_${error.category ?? 'error'}`, message: error.message ?? 'HubSpot rejected this input', retryable: false };
}
