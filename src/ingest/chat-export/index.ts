/**
 * `scrm ingest chat-export`: WhatsApp app chat exports (`.txt`) into `raw_messages`. The parsing is
 * `parser.ts`; this is the plug into the ingest framework: streaming the file (twice, see the
 * parser), enrichment through `buildMessageRow`, rejects and checkpoints through `Emit`.
 */
import { Option } from 'commander';
import { buildMessageRow } from '../message-row.js';
import { blockText, readLineBlocks } from '../read/lines.js';
import { openContent } from '../read/open.js';
import type { Emit, FileSource, IngestContext } from '../source.js';
import type { DateOrder } from './date-order.js';
import { parseChatExport, type ChatExportMessage, type UnreadableLine } from './parser.js';

export interface ChatExportOptions {
  /** The customer's phone for every file of the run (`--phone`). */
  phone?: string;
  /** Day-first or month-first, overriding detection (`--date-order`). */
  dateOrder?: DateOrder;
}

/**
 * A source with options of its own on `scrm ingest`: the options to add to the command, and the
 * source configured with the parsed values. (The ingest command does not offer per-source options
 * yet; this is the shape proposed for `SourceBase`.)
 */
export interface ConfigurableSource {
  readonly cliOptions: readonly Option[];
  configure(values: Record<string, unknown>): FileSource;
}

const CLI_OPTIONS: readonly Option[] = [
  new Option('--phone <phone>', "chat-export: the customer's phone, when neither the file name nor the chat shows it"),
  new Option('--date-order <order>', 'chat-export: dates are day-first or month-first (default: detected per file)').choices(['dmy', 'mdy']),
];

/** The file's lines without line endings, streamed; a line over the limit comes as an `UnreadableLine`. */
async function* exportLines(file: string, maxBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<string | UnreadableLine> {
  for await (const block of readLineBlocks(await openContent(file, onBytes), maxBytes)) {
    const oversized = new Map(block.oversized.map((line) => [line.line, line]));
    const lines = blockText(block).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const tooLong = oversized.get(block.firstLine + i);
      if (tooLong) yield { reason: `record too long (${tooLong.bytes} bytes, limit ${maxBytes})`, head: tooLong.head };
      else yield lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    }
  }
}

function messageFields(message: ChatExportMessage, file: string, ingestedAtMs: number) {
  return {
    message_id: message.messageId,
    source: 'chat_export' as const,
    phone_number_id: null,
    customer_phone: message.customerPhone,
    customer_name: message.customerName,
    direction: message.direction,
    sender_kind: message.senderKind,
    agent_id: message.agentId,
    type: message.type,
    text: message.text,
    interactive_id: null,
    template_name: null,
    template_category: null,
    template_language: null,
    context_message_id: null,
    referral_source_id: null,
    referral_source_url: null,
    ts_ms: message.tsMs,
    raw_json: JSON.stringify({ export: message.raw }),
    source_file: file,
    source_line: message.line,
    ingested_at_ms: ingestedAtMs,
  };
}

export function chatExportSource(options: ChatExportOptions = {}): FileSource {
  return {
    kind: 'file',
    name: 'chat-export',
    rejectSource: 'chat_export',
    description: 'chats exported from the WhatsApp app (.txt; Android or iOS, any clock and date order)',
    async readFile(file: string, emit: Emit, context: IngestContext, onBytes: (bytes: number) => void): Promise<void> {
      // Two passes (see the parser): the survey reads quietly, the loading pass reports progress.
      let pass = 0;
      const lines = () => exportLines(file, context.maxRecordBytes, ++pass === 1 ? undefined : onBytes);
      const events = parseChatExport(lines, {
        file,
        timezone: context.timezone,
        businessNames: context.businessSenderNames,
        defaultRegion: context.defaultRegion,
        dateOrder: options.dateOrder,
        phone: options.phone,
      });
      for await (const event of events) {
        emit.record();
        if (event.kind === 'message') emit.row('raw_messages', buildMessageRow(messageFields(event.message, file, context.ingestedAtMs)));
        else emit.reject(event.reject.line, null, event.reject.reason, event.reject.raw);
        await emit.checkpoint();
      }
    },
  };
}

/** The source to register in `sources.ts` as `chat-export`. */
export const source: FileSource & ConfigurableSource = {
  ...chatExportSource(),
  cliOptions: CLI_OPTIONS,
  configure: (values) =>
    chatExportSource({
      phone: typeof values.phone === 'string' ? values.phone : undefined,
      dateOrder: values.dateOrder === 'dmy' || values.dateOrder === 'mdy' ? values.dateOrder : undefined,
    }),
};
