/**
 * Identifiers in the shapes the real systems use: WhatsApp message ids (wamid.…), conversation
 * ids, tracked-link tokens, click, order and CRM ids. Each embeds a counter, so none repeats.
 */
import type { Random } from './random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_SPACE = 62 ** 6;
/** Coprime with 62, so multiplying by it permutes the token space. */
const TOKEN_STEP = 916_132_831;

export class IdFactory {
  private messages = 0;
  private tokens = 0;
  private clicks = 0;
  private orders = 0;
  private readonly tokenOffset: number;

  constructor(private readonly random: Random) {
    this.tokenOffset = random.nextUint32() % TOKEN_SPACE;
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

  /** A six-character tracked-link token (a permutation of a counter, so tokens look random). */
  linkToken(): string {
    let value = (mulMod(this.tokens++ % TOKEN_SPACE, TOKEN_STEP, TOKEN_SPACE) + this.tokenOffset) % TOKEN_SPACE;
    let token = '';
    for (let i = 0; i < 6; i++) {
      token = BASE62[value % 62] + token;
      value = Math.floor(value / 62);
    }
    return token;
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

/** a · b mod m without leaving the exact range of doubles (a, m < 2^36, b < 2^30). */
function mulMod(a: number, b: number, m: number): number {
  const high = (a * Math.floor(b / 65536)) % m;
  return (high * 65536 + a * (b % 65536)) % m;
}

export function crmId(serial: number): string {
  return `C-${String(serial).padStart(5, '0')}`;
}
