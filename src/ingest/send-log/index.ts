import { objectField, parseJsonObject, stringField } from '../json-record.js';
import type { MessageRow } from '../landing.js';
import { buildMessageRow } from '../message-row.js';
import { invalidPhone, normalizeWaId } from '../phone.js';
import type { Emit, IngestContext, LineSource } from '../source.js';
import { parseInstant } from '../time.js';

const SENDER_KINDS = new Set<MessageRow['sender_kind']>(['agent', 'bot', 'campaign']);

/**
 * One line of the business's send log: an outbound message (the webhooks carry no outbound text),
 * sent by an agent, a bot or a campaign, with its template when it is one.
 */
function parseSendLog(text: string, line: number, file: string, emit: Emit, context: IngestContext): void {
  const record = parseJsonObject(text, line, emit);
  if (!record) return;
  const id = stringField(record, 'message_id');
  const to = stringField(record, 'to');
  const sentAt = record.sent_at;
  const kind = stringField(record, 'sender_kind') as MessageRow['sender_kind'] | null;
  if (!id) return emit.reject(line, 'message_id', 'missing field', text);
  if (!to) return emit.reject(line, 'to', 'missing field', text);
  if (!kind) return emit.reject(line, 'sender_kind', 'missing field', text);
  if (!SENDER_KINDS.has(kind)) return emit.reject(line, 'sender_kind', 'not agent, bot or campaign', text);
  const phone = normalizeWaId(to, context.defaultRegion);
  if (!phone) return emit.reject(line, 'to', invalidPhone(context.defaultRegion), text);
  if (sentAt === undefined || sentAt === null || sentAt === '') return emit.reject(line, 'sent_at', 'missing field', text);
  const tsMs = parseInstant(sentAt, context.timezone);
  if (tsMs === null) return emit.reject(line, 'sent_at', 'bad timestamp', text);
  const template = objectField(record, 'template');
  emit.row(
    'raw_messages',
    buildMessageRow({
      message_id: id,
      source: 'send_log',
      phone_number_id: stringField(record, 'phone_number_id'),
      customer_phone: phone,
      customer_name: null,
      direction: 'outbound',
      sender_kind: kind,
      agent_id: stringField(record, 'agent_id'),
      type: stringField(record, 'type') ?? (template ? 'template' : 'text'),
      text: stringField(record, 'text'),
      interactive_id: null,
      template_name: stringField(template, 'name'),
      template_category: stringField(template, 'category'),
      template_language: stringField(template, 'language'),
      context_message_id: stringField(record, 'context_message_id'),
      referral_source_id: null,
      referral_source_url: null,
      ts_ms: tsMs,
      raw_json: text,
      source_file: file,
      source_line: line,
      ingested_at_ms: context.ingestedAtMs,
    }),
  );
}

export const source: LineSource = {
  kind: 'lines',
  name: 'send-log',
  rejectSource: 'send_log',
  description: "the business's outbound send log (NDJSON): agent, bot and campaign messages",
  module: import.meta.url,
  parseLine: parseSendLog,
};
