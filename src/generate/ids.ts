/**
 * Identifiers in the shapes the real systems use: WhatsApp message ids (wamid.…), conversation
 * ids, tracked-link tokens, click, order and CRM ids. Each embeds a counter, so none repeats.
 */
import type { Random } from './random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_SPACE = 62 ** 6;
const HALF = 2 ** 18;

export class IdFactory {
  private messages = 0;
  private tokens = 0;
  private clicks = 0;
  private orders = 0;
  private readonly tokenKeys: number[];

  constructor(private readonly random: Random) {
    this.tokenKeys = [random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()];
  }

  /**
   * A Cloud API message id: base64 of a small protobuf-like record holding the customer's number,
   * the direction and a unique hex id, as real wamids do.
   */
  messageId(customerWaId: string, inbound: boolean): string {
    const unique = (this.messages++).toString(16).toUpperCase().padStart(10, '0') + this.random.hex(10);
    const record =
      '\x1c\x18' + String.fromCharCode(customerWaId.length) + customerWaId + (inbound ? '\x15\x02\x00\x12' : '\x15\x02\x00\x11') + '\x18' + String.fromCharCode(unique.length) + unique;
    return `wamid.${Buffer.from(record, 'latin1').toString('base64').replace(/=+$/, '')}`;
  }

  /**
   * A six-character tracked-link token: the counter through a keyed permutation of the token
   * space (a Feistel network on 36 bits, walked until it lands below 62^6), so tokens never repeat
   * yet look random.
   */
  linkToken(): string {
    let value = this.tokens++;
    do value = this.feistel(value);
    while (value >= TOKEN_SPACE);
    let token = '';
    for (let i = 0; i < 6; i++) {
      token = BASE62[value % 62] + token;
      value = Math.floor(value / 62);
    }
    return token;
  }

  private feistel(value: number): number {
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (const key of this.tokenKeys) {
      const mixed = (Math.imul(right ^ key, 0x9e3779b1) >>> 14) % HALF;
      [left, right] = [right, left ^ mixed];
    }
    return left * HALF + right;
  }

  clickId(): string {
    return `clk_${String(++this.clicks).padStart(9, '0')}`;
  }

  orderId(): string {
    return `A${1000 + ++this.orders}`;
  }

  conversationId(): string {
    return this.random.hex(32, true);
  }

  mediaId(): string {
    return `1${this.random.digits(15)}`;
  }

  sha256(): string {
    return this.random.hex(64, true);
  }
}

export function crmId(serial: number): string {
  return `C-${String(serial).padStart(5, '0')}`;
}
