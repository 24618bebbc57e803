import { arrayField, objectField, stringField, type JsonObject } from '../json-record.js';

/** What the row needs from an inbound message, by type. Unknown types yield no text and keep their raw JSON. */
export interface MessageContent {
  text: string | null;
  interactiveId: string | null;
  /** A reaction points at the message it reacts to. */
  reactsTo: string | null;
}

const NONE: MessageContent = { text: null, interactiveId: null, reactsTo: null };

/** Text, reply id and reaction target of one Cloud API message, for every documented type. */
export function messageContent(message: JsonObject, type: string): MessageContent {
  const body = objectField(message, type);
  switch (type) {
    case 'text':
      return { ...NONE, text: stringField(body, 'body') };
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker':
      return { ...NONE, text: stringField(body, 'caption') };
    case 'interactive':
      return interactiveContent(body);
    case 'button':
      return { ...NONE, text: stringField(body, 'text'), interactiveId: stringField(body, 'payload') };
    case 'reaction':
      return { text: stringField(body, 'emoji'), interactiveId: null, reactsTo: stringField(body, 'message_id') };
    case 'order':
      return { ...NONE, text: stringField(body, 'text') };
    case 'location':
      return { ...NONE, text: [stringField(body, 'name'), stringField(body, 'address')].filter(Boolean).join(', ') || null };
    case 'contacts':
      return { ...NONE, text: contactNames(arrayField(message, 'contacts')) };
    case 'system':
      return { ...NONE, text: stringField(body, 'body') };
    default:
      return NONE;
  }
}

/** Button and list replies carry the chosen option's id (e.g. `csat_5`) and title; flows their name. */
function interactiveContent(interactive: JsonObject | null): MessageContent {
  const kind = stringField(interactive, 'type');
  const reply = kind ? objectField(interactive, kind) : null;
  if (kind === 'nfm_reply') return { ...NONE, text: stringField(reply, 'body'), interactiveId: stringField(reply, 'name') };
  return { ...NONE, text: stringField(reply, 'title'), interactiveId: stringField(reply, 'id') };
}

function contactNames(contacts: unknown[]): string | null {
  const names = contacts.map((contact) => stringField(objectField(contact, 'name'), 'formatted_name')).filter(Boolean);
  return names.length ? names.join(', ') : null;
}
