/**
 * Reads the part of an export line after the timestamp: who wrote it and what it is (text, a media
 * placeholder, a deleted message, a location, or a system notice).
 */
import type { ExportStyle } from './header.js';
import {
  ANDROID_ATTACHED,
  ANDROID_MEDIA_OMITTED,
  ATTACHED_FILE_TYPES,
  DELETED,
  IOS_ATTACHED,
  IOS_MEDIA_OMITTED,
  LOCATION,
  SYSTEM_NOTICES,
} from './vocabulary.js';

/**
 * Android's "<Media omitted>" does not say which media: landed as `document`, the ingest
 * vocabulary's type for media of unknown kind (src/ingest/README.md), so it still counts as content.
 */
export const UNTYPED_MEDIA = 'document';
/** A deleted message: `revoked`, as in the ingest vocabulary; not a content message. */
export const DELETED_TYPE = 'revoked';

export type BodyKind = 'message' | 'system';

export interface Body {
  kind: BodyKind;
  /** The author as written (bidirectional marks removed); null for system notices. */
  sender: string | null;
  /** text, image, audio, video, document, sticker, contacts, location, revoked or system. */
  type: string;
  /** What the first line says (text and notices); null for placeholders, whose caption, if any, follows on the next lines. */
  text: string | null;
}

const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const EDGE_MARKS = /^[\u200e\u200f\u202a-\u202e\u2066-\u2069]+|[\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/gu;
const SEPARATOR = ': ';

export function stripMarks(value: string): string {
  return value.replace(BIDI_MARKS, '');
}

/** Removes the marks WhatsApp puts around what it generates, keeping any inside a sender's text. */
export function stripEdgeMarks(value: string): string {
  return value.replace(EDGE_MARKS, '');
}

function isSystemNotice(text: string): boolean {
  return SYSTEM_NOTICES.some((pattern) => pattern.test(text));
}

function attachedType(file: string): string {
  return ATTACHED_FILE_TYPES.find(([pattern]) => pattern.test(file))?.[1] ?? 'document';
}

/** The type of a message's first line when it is a placeholder, or null when it is plain text. */
export function placeholderType(firstLine: string): string | null {
  const text = stripMarks(firstLine).trim();
  if (ANDROID_MEDIA_OMITTED.test(text)) return UNTYPED_MEDIA;
  const omitted = IOS_MEDIA_OMITTED.find(([pattern]) => pattern.test(text));
  if (omitted) return omitted[1];
  const attached = ANDROID_ATTACHED.exec(text) ?? IOS_ATTACHED.exec(text);
  if (attached?.groups) return attachedType(attached.groups.file);
  if (DELETED.some((pattern) => pattern.test(text))) return DELETED_TYPE;
  if (LOCATION.test(text)) return 'location';
  return null;
}

/**
 * Splits the body of a message's first line. On Android a notice has no `Sender: ` (except the
 * notices recognised by their words); on iOS every line has one, and a notice's text starts with a
 * left-to-right mark (U+200E) that WhatsApp adds to what it generates itself.
 */
export function readBody(body: string, style: ExportStyle): Body {
  const system = (text: string): Body => ({ kind: 'system', sender: null, type: 'system', text: stripMarks(text).trim() });
  const separator = body.indexOf(SEPARATOR);
  if (style === 'android' && (separator < 0 || isSystemNotice(stripMarks(body)))) return system(body);
  if (separator < 0) return system(body);
  const sender = stripMarks(body.slice(0, separator)).trim();
  const rawText = body.slice(separator + SEPARATOR.length);
  const type = placeholderType(rawText);
  if (type !== null) return { kind: 'message', sender, type, text: null };
  const text = stripEdgeMarks(rawText);
  if (rawText.startsWith('\u200e') || isSystemNotice(text)) return system(text);
  return { kind: 'message', sender, type: 'text', text };
}
