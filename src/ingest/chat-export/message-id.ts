import { createHash } from 'node:crypto';

export interface MessageIdentity {
  customerPhone: string;
  tsMs: number;
  /** `customer`, `system`, or the agent's configured name: a role, not the contact's saved name, which can change between exports. */
  sender: string;
  type: string;
  text: string | null;
}

const PREFIX = 'chatexport_';

/**
 * A message id that is the same every time the same chat is exported and imported, so a re-import
 * adds nothing. Identical messages in the same second (Android exports keep only minutes) are told
 * apart by `occurrence`, their 0-based count among earlier identical ones in the file.
 */
export function chatExportMessageId(message: MessageIdentity, occurrence: number): string {
  const key = [message.customerPhone, message.tsMs, message.sender, message.type, message.text ?? '', occurrence].join('\u001f');
  return PREFIX + createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * Counts identical messages of one file, to give each its occurrence index. The app caps an export
 * at tens of thousands of messages (40 000 without media), so one key per message stays small.
 */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  /** The occurrence index of this message: how many identical ones came before it. */
  next(message: MessageIdentity): number {
    const key = [message.tsMs, message.sender, message.type, message.text ?? ''].join('\u001f');
    const count = this.seen.get(key) ?? 0;
    this.seen.set(key, count + 1);
    return count;
  }
}
