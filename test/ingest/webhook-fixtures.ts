import { random } from '../helpers/random.js';

/**
 * Synthetic WhatsApp Cloud API webhook bodies in the real shape, deterministic for a seed: for
 * tests (a few thousand) and the ingest benchmark (a million). Texts mix Spanish, English,
 * Chinese and emoji, like the business's customers.
 */

const TEXTS = [
  'Hola, ¿cuánto cuesta el modelo A? ¿Hay descuento? 😊',
  'where is my package? order A1029',
  '我的包裹在哪裡？訂單 A1029',
  'Muchas gracias, excelente servicio 👍',
  'ok',
  'The delivery was late again, very disappointed 😡',
  '¿Tienen esta en talla M?',
  'Can I pay cash on delivery?',
  '請問有冇折扣？',
  'No me llegó el pedido, quiero una devolución',
];
const NAMES = ['Chan Tai Man', 'Ana Gómez', '王小明', 'Lin Mei', 'John Smith'];
/** Country code and leading digits of valid mobile numbers, with the number of digits that follow. */
const PREFIXES: [string, number][] = [
  ['8529', 7],
  ['8526', 7],
  ['34612', 6],
  ['8869', 8],
  ['8525', 7],
];

export function customerWaId(n: number): string {
  const [prefix, digits] = PREFIXES[n % PREFIXES.length];
  return prefix + String(n).padStart(digits, '0').slice(-digits);
}

export interface WebhookOptions {
  /** First message number: bodies from different calls never share ids unless asked to. */
  start?: number;
  seed?: number;
  customers?: number;
}

/** `count` webhook bodies of one inbound message each (text, image, interactive, reaction…), as NDJSON lines. */
export function* webhookLines(count: number, options: WebhookOptions = {}): Generator<string> {
  const next = random(options.seed ?? 1);
  const customers = options.customers ?? 10_000;
  const start = options.start ?? 0;
  for (let i = start; i < start + count; i++) {
    const c = Math.floor(next() * customers);
    const waId = customerWaId(c);
    const text = TEXTS[Math.floor(next() * TEXTS.length)];
    const kind = next();
    const base = { from: waId, id: `wamid.bench${i}`, timestamp: String(1795154592 + i) };
    let message: Record<string, unknown>;
    if (kind < 0.8) message = { ...base, type: 'text', text: { body: text } };
    else if (kind < 0.88) message = { ...base, type: 'image', image: { caption: text, mime_type: 'image/jpeg', sha256: 'ab'.repeat(32), id: String(1e15 + i) } };
    else if (kind < 0.94) message = { ...base, context: { from: '85230001234', id: `wamid.csat${i}` }, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: `csat_${1 + (i % 5)}`, title: 'Excelente' } } };
    else message = { ...base, type: 'reaction', reaction: { message_id: `wamid.out${i}`, emoji: '👍' } };
    yield JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '730011223344556',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '85230001234', phone_number_id: '411100223344556' },
                contacts: [{ profile: { name: NAMES[c % NAMES.length] }, wa_id: waId }],
                messages: [message],
              },
            },
          ],
        },
      ],
    });
  }
}
