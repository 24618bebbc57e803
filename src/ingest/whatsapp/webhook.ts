import { arrayField, isObject, objectField, parseJsonObject, stringField, type JsonObject } from '../json-record.js';
import type { StatusRow } from '../landing.js';
import { buildMessageRow } from '../message-row.js';
import { invalidPhone, normalizeWaId } from '../phone.js';
import type { Emit, IngestContext } from '../source.js';
import { fromUnix } from '../time.js';
import { messageContent } from './message.js';

/**
 * One webhook body (WhatsApp Cloud API, field `messages`): inbound messages to `raw_messages`,
 * statuses of sent messages to `raw_statuses`. Each message or status is checked on its own, so one
 * bad item rejects only itself; the reason names the field and where it is in the body.
 */
export function parseWebhook(text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  const body = parseJsonObject(text, line, emit);
  if (!body) return;
  if (body.object !== undefined && body.object !== 'whatsapp_business_account') {
    emit.reject(line, 'object', `not a WhatsApp Business webhook (object ${JSON.stringify(body.object)})`, text);
    return;
  }
  const entries = body.entry;
  if (!Array.isArray(entries)) {
    emit.reject(line, 'entry', 'missing field', text);
    return;
  }
  entries.forEach((entry, e) => {
    if (!isObject(entry)) {
      emit.reject(line, 'entry', `not an object (entry[${e}])`, text);
      return;
    }
    arrayField(entry, 'changes').forEach((change, c) => {
      const where = `entry[${e}].changes[${c}]`;
      const field = stringField(change, 'field');
      const value = objectField(change, 'value');
      if (field !== 'messages') {
        emit.reject(line, 'field', `not a messages change (${where}.field ${JSON.stringify(field)})`, text);
        return;
      }
      if (!value) {
        emit.reject(line, 'value', `missing field (${where}.value)`, text);
        return;
      }
      parseValue(value, where, text, line, file, emit, context);
    });
  });
}

function parseValue(value: JsonObject, where: string, text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  const phoneNumberId = stringField(objectField(value, 'metadata'), 'phone_number_id');
  const contacts = arrayField(value, 'contacts');
  arrayField(value, 'messages').forEach((message, m) => {
    const at = `${where}.value.messages[${m}]`;
    if (!isObject(message)) return emit.reject(line, 'messages', `not an object (${at})`, text);
    const id = stringField(message, 'id');
    const from = stringField(message, 'from');
    const type = stringField(message, 'type');
    const timestamp = stringField(message, 'timestamp');
    if (!id) return emit.reject(line, 'id', `missing field (${at}.id)`, text);
    if (!type) return emit.reject(line, 'type', `missing field (${at}.type)`, text);
    if (!from) return emit.reject(line, 'from', `missing field (${at}.from)`, text);
    const phone = normalizeWaId(from, context.defaultRegion);
    if (!phone) return emit.reject(line, 'from', invalidPhone(context.defaultRegion, `${at}.from`), text);
    const tsMs = timestamp ? fromUnix(timestamp) : null;
    if (tsMs === null) return emit.reject(line, 'timestamp', `${timestamp ? 'bad timestamp' : 'missing field'} (${at}.timestamp)`, text);
    const content = messageContent(message, type);
    const referral = objectField(message, 'referral');
    emit.row(
      'raw_messages',
      buildMessageRow({
        message_id: id,
        source: 'whatsapp',
        phone_number_id: phoneNumberId,
        customer_phone: phone,
        customer_name: profileName(contacts, from),
        direction: 'inbound',
        sender_kind: 'customer',
        agent_id: null,
        type,
        text: content.text,
        interactive_id: content.interactiveId,
        template_name: null,
        template_category: null,
        template_language: null,
        context_message_id: stringField(objectField(message, 'context'), 'id') ?? content.reactsTo,
        referral_source_id: stringField(referral, 'source_id'),
        referral_source_url: stringField(referral, 'source_url'),
        ts_ms: tsMs,
        raw_json: JSON.stringify(message),
        source_file: file,
        source_line: line,
        ingested_at_ms: context.ingestedAtMs,
      }),
    );
  });
  arrayField(value, 'statuses').forEach((status, s) => {
    const at = `${where}.value.statuses[${s}]`;
    if (!isObject(status)) return emit.reject(line, 'statuses', `not an object (${at})`, text);
    const row = statusRow(status, at, phoneNumberId, text, line, file, emit, context);
    if (row) emit.row('raw_statuses', row);
  });
  arrayField(value, 'errors').forEach((error, i) => {
    emit.reject(line, 'errors', `webhook error ${stringField(error, 'code') ?? ''} ${stringField(error, 'title') ?? ''} (${where}.value.errors[${i}])`.replace(/\s+/g, ' '), text);
  });
}

function statusRow(
  status: JsonObject,
  at: string,
  phoneNumberId: string | null,
  text: string,
  line: number,
  file: string,
  emit: Emit,
  context: IngestContext,
): StatusRow | null {
  const id = stringField(status, 'id');
  const state = stringField(status, 'status');
  const recipient = stringField(status, 'recipient_id');
  const timestamp = stringField(status, 'timestamp');
  if (!id) return reject(emit, line, 'id', `missing field (${at}.id)`, text);
  if (!state) return reject(emit, line, 'status', `missing field (${at}.status)`, text);
  if (!recipient) return reject(emit, line, 'recipient_id', `missing field (${at}.recipient_id)`, text);
  const phone = normalizeWaId(recipient, context.defaultRegion);
  if (!phone) return reject(emit, line, 'recipient_id', invalidPhone(context.defaultRegion, `${at}.recipient_id`), text);
  const tsMs = timestamp ? fromUnix(timestamp) : null;
  if (tsMs === null) return reject(emit, line, 'timestamp', `${timestamp ? 'bad timestamp' : 'missing field'} (${at}.timestamp)`, text);
  const conversation = objectField(status, 'conversation');
  const expiration = stringField(conversation, 'expiration_timestamp');
  const expiresMs = expiration ? fromUnix(expiration) : null;
  const pricing = objectField(status, 'pricing');
  const firstError = arrayField(status, 'errors')[0];
  const error = isObject(firstError) ? firstError : null;
  const billable = pricing?.billable;
  return {
    message_id: id,
    status: state,
    recipient_phone: phone,
    phone_number_id: phoneNumberId,
    ts_ms: tsMs,
    ts: tsMs,
    conversation_id: stringField(conversation, 'id'),
    conversation_category: stringField(objectField(conversation, 'origin'), 'type'),
    conversation_expires_ms: expiresMs,
    conversation_expires: expiresMs,
    pricing_billable: typeof billable === 'boolean' ? billable : null,
    pricing_model: stringField(pricing, 'pricing_model'),
    pricing_category: stringField(pricing, 'category'),
    error_code: errorCode(error),
    error_title: stringField(error, 'title'),
    error_details: stringField(objectField(error, 'error_data'), 'details') ?? stringField(error, 'message'),
    raw_json: JSON.stringify(status),
    source_file: file,
    source_line: line,
    ingested_at_ms: context.ingestedAtMs,
  };
}

function reject(emit: Emit, line: number, field: string, reason: string, text: string): null {
  emit.reject(line, field, reason, text);
  return null;
}

function errorCode(error: JsonObject | null): number | null {
  const code = error?.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

/** The WhatsApp profile name of a sender, from the body's `contacts` (usually just the one). */
function profileName(contacts: unknown[], waId: string): string | null {
  for (const contact of contacts) {
    if (stringField(contact, 'wa_id') === waId) return stringField(objectField(contact, 'profile'), 'name');
  }
  return null;
}
