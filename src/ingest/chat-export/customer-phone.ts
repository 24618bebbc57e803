/**
 * Finds the customer's phone for a chat export. Exports name the contact as saved in the phone
 * ("Ana Gómez"), and only unsaved contacts appear as a number, so the phone comes from, in order:
 * the `--phone` option, the customer's sender name when it is a number, the file name when
 * WhatsApp named it after a number ("WhatsApp Chat with +852 9123 4567.txt").
 */
import { basename, extname } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../phone.js';

/** Without a phone: `reason` is a stable phrase (it groups rejects), `detail` says what was found. */
export type PhoneVerdict = { phone: string; from: 'option' | 'sender' | 'file name' } | { phone: null; reason: string; detail: string };

const PHONE_LIKE = /^\+?[\d\s().-]{7,}$/u;
const INTERNATIONAL_IN_TEXT = /\+\d[\d\s().-]{5,}\d/u;
/** The export file names WhatsApp gives in a few languages; what follows is the contact. */
const EXPORT_NAME_PREFIX = /^(whatsapp chat with|whatsapp chat -|chat de whatsapp con|chat whatsapp con|conversa do whatsapp com|whatsapp-chat mit)\s+/iu;

export function isPhoneLike(text: string): boolean {
  return PHONE_LIKE.test(text.trim());
}

/** The number a file name carries: the whole contact part of an export name, or an international number in it. */
export function phoneInFileName(path: string): string | null {
  const stem = basename(path, extname(path)).trim();
  const contact = stem.replace(EXPORT_NAME_PREFIX, '');
  if (isPhoneLike(contact)) return contact;
  return INTERNATIONAL_IN_TEXT.exec(stem)?.[0] ?? null;
}

export interface PhoneSources {
  option?: string;
  /** The one customer sender of the chat as written, if any wrote. */
  sender: string | null;
  file: string;
  defaultRegion: CountryCode;
}

export function resolveCustomerPhone({ option, sender, file, defaultRegion }: PhoneSources): PhoneVerdict {
  if (option !== undefined) {
    const phone = normalizePhone(option, defaultRegion);
    return phone ? { phone, from: 'option' } : { phone: null, reason: 'not a valid phone number in --phone', detail: `${option}, default region ${defaultRegion}` };
  }
  if (sender !== null && isPhoneLike(sender)) {
    const phone = normalizePhone(sender, defaultRegion);
    if (phone) return { phone, from: 'sender' };
  }
  const inName = phoneInFileName(file);
  if (inName !== null) {
    const phone = normalizePhone(inName, defaultRegion);
    if (phone) return { phone, from: 'file name' };
  }
  const who = sender === null ? 'no customer message names the contact' : `the export names the contact "${sender}", not a number`;
  return { phone: null, reason: 'no customer phone; pass --phone', detail: `${who}, and the file name carries none` };
}
