import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phoneInFileName, resolveCustomerPhone } from '../../src/ingest/chat-export/customer-phone.js';
import { detectDateOrder } from '../../src/ingest/chat-export/date-order.js';
import { hour24, matchHeader } from '../../src/ingest/chat-export/header.js';
import { LocalClock } from '../../src/ingest/chat-export/local-clock.js';
import { parseInstant } from '../../src/ingest/time.js';
import { parseChatExport, type ChatExportEvent, type ChatExportSettings } from '../../src/ingest/chat-export/parser.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'chat-exports');
const LRM = '\u200e';
const NNBSP = '\u202f';

function fixtureLines(name: string): string[] {
  const lines = readFileSync(join(FIXTURES, name), 'utf8').replace(/^\ufeff/u, '').split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const BUSINESS = ['Tienda Ejemplo', 'Example Store', 'Demo Shop', '示例商店'];

async function parse(name: string, options: Partial<ChatExportSettings> = {}, lines = fixtureLines(name)): Promise<ChatExportEvent[]> {
  const events: ChatExportEvent[] = [];
  const settings = { file: join(FIXTURES, name), timezone: 'Asia/Hong_Kong', businessNames: BUSINESS, defaultRegion: 'HK' as const, ...options };
  for await (const event of parseChatExport(() => lines, settings)) events.push(event);
  return events;
}

/** A message as a readable tuple: line, UTC time, direction, agent, type, text, customer name. */
type Expected = [number, string, 'in' | 'out', string | null, string, string | null, string | null];

function summarize(events: ChatExportEvent[]) {
  const messages = events.flatMap((event) => (event.kind === 'message' ? [event.message] : []));
  return {
    phones: [...new Set(messages.map((m) => m.customerPhone))],
    rows: messages.map((m): Expected => [
      m.line,
      new Date(m.tsMs).toISOString().replace('.000Z', 'Z'),
      m.direction === 'inbound' ? 'in' : 'out',
      m.agentId,
      m.type,
      m.text,
      m.customerName,
    ]),
    rejects: events.flatMap((event) => (event.kind === 'reject' ? [event.reject] : [])),
    messages,
  };
}

describe('chat-export header lines', () => {
  it.each([
    ['20/11/2026, 14:03 - Ana: Hola', 'android', [20, 11, 2026], 14, 3, 0, null, 'Ana: Hola'],
    ['20/11/26 14:03 - Ana: Hola', 'android', [20, 11, 26], 14, 3, 0, null, 'Ana: Hola'],
    ['11/20/26, 2:03 PM - Ana: Hi', 'android', [11, 20, 26], 2, 3, 0, 'pm', 'Ana: Hi'],
    [`11/20/26, 2:03${NNBSP}PM - Ana: Hi`, 'android', [11, 20, 26], 2, 3, 0, 'pm', 'Ana: Hi'],
    ['20/11/2026, 2:03 p. m. - Ana: Hola', 'android', [20, 11, 2026], 2, 3, 0, 'pm', 'Ana: Hola'],
    [`20/11/2026, 9:05${NNBSP}a.\u00a0m. - Ana: Hola`, 'android', [20, 11, 2026], 9, 5, 0, 'am', 'Ana: Hola'],
    ['2019-01-01 12:00 - John Doe: Hello', 'android', [2019, 1, 1], 12, 0, 0, null, 'John Doe: Hello'],
    ['20.11.26, 14:03 - Ana: Hallo', 'android', [20, 11, 26], 14, 3, 0, null, 'Ana: Hallo'],
    ['2026/11/20 下午2:03 - 陈大文: 你好', 'android', [2026, 11, 20], 2, 3, 0, 'pm', '陈大文: 你好'],
    ['[20/11/2026, 14:03:12] Ana: Hola', 'ios', [20, 11, 2026], 14, 3, 12, null, 'Ana: Hola'],
    [`${LRM}[11/20/26, 2:03:40${NNBSP}PM] Ana: ${LRM}image omitted`, 'ios', [11, 20, 26], 2, 3, 40, 'pm', `Ana: ${LRM}image omitted`],
    ['[1.1.2019, 12.00.00] John Doe: Hello', 'ios', [1, 1, 2019], 12, 0, 0, null, 'John Doe: Hello'],
    ['[2026/11/20 上午9:03:12] 陳大文: 早', 'ios', [2026, 11, 20], 9, 3, 12, 'am', '陳大文: 早'],
  ])('reads %j', (line, style, date, hour, minute, second, meridiem, body) => {
    expect(matchHeader(line)).toEqual({ style, date, yearFirst: date[0] > 999, hour, minute, second, meridiem, body });
  });

  it.each([
    'Tambien en negro y gris.',
    '20/11 is my birthday - see you',
    '20/11/2026 is the date',
    '[20/11/2026, 14:03:12]Ana: no space',
    '20/11/2026, 14:03 Ana: no dash',
    '',
  ])('does not take %j for a header', (line) => {
    expect(matchHeader(line)).toBeNull();
  });

  it('turns 12-hour clocks into 24-hour ones and refuses impossible hours', () => {
    expect(hour24({ hour: 12, meridiem: 'am' })).toBe(0);
    expect(hour24({ hour: 12, meridiem: 'pm' })).toBe(12);
    expect(hour24({ hour: 1, meridiem: 'pm' })).toBe(13);
    expect(hour24({ hour: 11, meridiem: 'am' })).toBe(11);
    expect(hour24({ hour: 13, meridiem: 'pm' })).toBeNull();
    expect(hour24({ hour: 0, meridiem: 'am' })).toBeNull();
    expect(hour24({ hour: 23, meridiem: null })).toBe(23);
    expect(hour24({ hour: 24, meridiem: null })).toBeNull();
  });
});

describe('chat-export date order', () => {
  it('reads the order off dates that only fit one way', () => {
    expect(detectDateOrder([[20, 11, 2026]])).toEqual({ order: 'dmy', detected: true });
    expect(detectDateOrder([[11, 20, 26]])).toEqual({ order: 'mdy', detected: true });
  });

  it('follows the majority when a stray date fits neither or the other', () => {
    expect(detectDateOrder([[3, 11, 2026], [13, 11, 2026], [31, 2, 2026], [4, 11, 2026]])).toEqual({ order: 'dmy', detected: true });
  });

  it('uses chronology when every date fits both ways', () => {
    // Day-first: 11 Jan, 12 Jan, 1 Feb runs forward; month-first: 1 Nov, 1 Dec, 2 Jan goes back.
    expect(detectDateOrder([[11, 1, 2026], [12, 1, 2026], [1, 2, 2026]])).toEqual({ order: 'dmy', detected: true });
    expect(detectDateOrder([[1, 11, 2026], [1, 12, 2026], [2, 1, 2026]])).toEqual({ order: 'mdy', detected: true });
  });

  it('says when the file does not tell, and obeys an override', () => {
    const verdict = detectDateOrder([[5, 11, 2026], [6, 11, 2026]]);
    expect(verdict.order).toBeNull();
    expect(detectDateOrder([[5, 11, 2026]], 'mdy')).toEqual({ order: 'mdy', detected: false });
    expect(detectDateOrder([[5, 5, 2026]])).toEqual({ order: 'dmy', detected: true });
  });
});

describe('chat-export times', () => {
  it('resolves every minute of clock-change days exactly as the shared parseInstant does', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    for (const [zone, year, month, day] of [['Europe/Madrid', 2026, 3, 29], ['Europe/Madrid', 2026, 10, 25], ['America/New_York', 2026, 3, 8], ['Australia/Lord_Howe', 2026, 4, 5]] as const) {
      const clock = new LocalClock(zone);
      for (let minute = 0; minute < 24 * 60; minute += 7) {
        const [h, m, s] = [Math.floor(minute / 60), minute % 60, minute % 59];
        expect(clock.toUtcMs({ year, month, day }, h, m, s)).toBe(parseInstant(`${year}-${two(month)}-${two(day)} ${two(h)}:${two(m)}:${two(s)}`, zone));
      }
    }
    expect(new LocalClock('Asia/Hong_Kong').toUtcMs({ year: 2026, month: 2, day: 30 }, 10, 0, 0)).toBeNull();
  });

  it('reads the phone clock in the business time zone, daylight saving time included', async () => {
    const lines = ['15/01/2026, 10:00 - Ana: invierno', '15/07/2026, 10:00 - Ana: verano', '29/03/2026, 03:30 - Ana: after the change'];
    const { rows } = summarize(await parse('madrid.txt', { timezone: 'Europe/Madrid', phone: '+34 612 34 56 78' }, lines));
    expect(rows.map((row) => row[1])).toEqual(['2026-01-15T09:00:00Z', '2026-07-15T08:00:00Z', '2026-03-29T01:30:00Z']);
  });
});

describe('chat-export customer phone', () => {
  it('finds the number WhatsApp put in the file name, and nothing in other names', () => {
    expect(phoneInFileName('/x/WhatsApp Chat with +852 9123 4567.txt')).toBe('+852 9123 4567');
    expect(phoneInFileName('/x/Chat de WhatsApp con +34 612 34 56 78.txt')).toBe('+34 612 34 56 78');
    expect(phoneInFileName('/x/WhatsApp Chat - Ana Gomez.txt')).toBeNull();
    expect(phoneInFileName('/x/chat-20261120.txt')).toBeNull();
    expect(phoneInFileName('/x/android-24h-es.txt')).toBeNull();
  });

  it('prefers the option, then the sender, then the file name', () => {
    const base = { file: 'WhatsApp Chat with +852 9123 4567.txt', defaultRegion: 'HK' as const };
    expect(resolveCustomerPhone({ ...base, option: '6123 4567', sender: '+852 5123 4567' })).toEqual({ phone: '+85261234567', from: 'option' });
    expect(resolveCustomerPhone({ ...base, sender: '+852 5123 4567' })).toEqual({ phone: '+85251234567', from: 'sender' });
    expect(resolveCustomerPhone({ ...base, sender: 'Ana' })).toEqual({ phone: '+85291234567', from: 'file name' });
    expect(resolveCustomerPhone({ ...base, option: '123', sender: null })).toEqual({ phone: null, reason: 'not a valid phone number in --phone', detail: '123, default region HK' });
  });
});

describe('chat-export fixtures', () => {
  it('Android, 24 h, Spanish, day-first: system, media, multi-line, deleted, edited, attached with caption, location; phone from the file name', async () => {
    const { phones, rows, rejects } = summarize(await parse('Chat de WhatsApp con +34 612 34 56 78.txt'));
    expect(rejects).toEqual([]);
    expect(phones).toEqual(['+34612345678']);
    const lucia = 'Lucía Pérez';
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T05:59:00Z', 'in', null, 'system', 'Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.', null],
      [2, '2026-11-20T06:03:00Z', 'in', null, 'text', 'Hola, ¿cuánto cuesta el abrigo?', lucia],
      [3, '2026-11-20T06:03:00Z', 'in', null, 'document', null, lucia],
      [4, '2026-11-20T06:05:00Z', 'out', 'Tienda Ejemplo', 'text', '¡Hola Lucía! Cuesta 899 HKD.\nTenemos tallas S, M y L.\n\n¿Cuál necesitas?', null],
      [8, '2026-11-20T06:07:00Z', 'in', null, 'revoked', null, lucia],
      [9, '2026-11-20T06:08:00Z', 'in', null, 'text', 'La M, gracias', lucia],
      [10, '2026-11-20T06:09:00Z', 'out', 'Tienda Ejemplo', 'image', 'Así queda en negro', null],
      [12, '2026-11-20T06:09:00Z', 'in', null, 'text', 'ok', lucia],
      [13, '2026-11-20T06:09:00Z', 'in', null, 'text', 'ok', lucia],
      [14, '2026-12-13T01:15:00Z', 'in', null, 'location', null, lucia],
    ]);
  });

  it('Android, 12 h, English, month-first, unsaved contact: phone from the sender, 12 AM/PM, U+202F', async () => {
    const { phones, rows, rejects } = summarize(await parse('android-12h-en-mdy.txt'));
    expect(rejects).toEqual([]);
    expect(phones).toEqual(['+85291234567']);
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T03:58:00Z', 'in', null, 'system', 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.', null],
      [2, '2026-11-20T04:03:00Z', 'in', null, 'text', 'Hi, is the blue coat still available?', null],
      [3, '2026-11-20T04:04:00Z', 'out', 'Demo Shop', 'text', 'Yes! We have it in M and L.', null],
      [4, '2026-11-20T04:04:00Z', 'in', null, 'document', null, null],
      [5, '2026-11-20T04:06:00Z', 'in', null, 'revoked', null, null],
      [6, '2026-11-20T16:30:00Z', 'in', null, 'text', 'Can you ship to Kowloon?\nFlat 3B, 12 Nathan Road', null],
      [8, '2026-11-21T01:15:00Z', 'out', 'Demo Shop', 'text', 'Yes, free shipping over 500 HKD 🚚', null],
    ]);
  });

  it('Android, 12 h, Spanish "a. m."/"p. m." with U+202F and U+00A0', async () => {
    const { phones, rows } = summarize(await parse('android-12h-es-pm.txt'));
    expect(phones).toEqual(['+34699112233']);
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T01:05:00Z', 'out', 'Tienda Ejemplo', 'text', 'Buenos días, su pedido está listo.', null],
      [2, '2026-11-20T04:15:00Z', 'in', null, 'text', '¿Puedo pasar a recogerlo?', null],
      [3, '2026-11-20T07:40:00Z', 'out', 'Tienda Ejemplo', 'text', 'Sí, hasta las 8 p. m.', null],
      [4, '2026-11-20T16:10:00Z', 'in', null, 'text', 'Gracias 🙏', null],
    ]);
  });

  it('iOS, 12 h, English with U+202F and U+200E: every media placeholder, system notice, deleted, edited', async () => {
    const { phones, rows, rejects } = summarize(await parse('WhatsApp Chat - Ana Gomez.txt', { phone: '9123 4567' }));
    expect(rejects).toEqual([]);
    expect(phones).toEqual(['+85291234567']);
    const ana = 'Ana Gomez';
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T05:59:50Z', 'in', null, 'system', 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.', null],
      [2, '2026-11-20T06:03:12Z', 'in', null, 'text', 'Hi, do you have this coat in size M?', ana],
      [3, '2026-11-20T06:03:40Z', 'in', null, 'image', null, ana],
      [4, '2026-11-20T06:03:41Z', 'in', null, 'video', null, ana],
      [5, '2026-11-20T06:03:42Z', 'in', null, 'audio', null, ana],
      [6, '2026-11-20T06:03:43Z', 'in', null, 'sticker', null, ana],
      [7, '2026-11-20T06:03:44Z', 'in', null, 'video', null, ana],
      [8, '2026-11-20T06:03:45Z', 'in', null, 'document', null, ana],
      [9, '2026-11-20T06:03:46Z', 'in', null, 'contacts', null, ana],
      [10, '2026-11-20T06:06:05Z', 'out', 'Example Store', 'text', 'Hi Ana! Yes, size M is in stock\nin black and grey.', null],
      [12, '2026-11-20T06:07:00Z', 'in', null, 'revoked', null, ana],
      [13, '2026-11-20T06:08:30Z', 'in', null, 'text', "Great, I'll take the black one", ana],
      [14, '2026-11-20T16:00:00Z', 'out', 'Example Store', 'text', 'Your order ships tomorrow 📦', null],
    ]);
  });

  it('iOS, 24 h, day-first, with an attached photo and an encryption notice under the business name', async () => {
    const { phones, rows } = summarize(await parse('ios-24h-dmy.txt'));
    expect(phones).toEqual(['+85261234567']);
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-03T01:00:00Z', 'in', null, 'system', 'Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.', null],
      [2, '2026-11-03T01:01:15Z', 'in', null, 'text', 'Buenos días', null],
      [3, '2026-11-03T01:02:00Z', 'out', 'Tienda Ejemplo', 'text', 'Buenos días, ¿en qué le ayudo?', null],
      [4, '2026-11-04T10:45:30Z', 'in', null, 'text', 'Quiero devolver un pedido\nNúmero 10423', null],
      [6, '2026-11-12T15:59:59Z', 'in', null, 'image', null, null],
      [7, '2026-11-12T16:00:01Z', 'out', 'Tienda Ejemplo', 'text', 'Recibido, gracias.', null],
    ]);
  });

  it('Chinese, Android: year-first dates, 上午/下午, system lines without a sender', async () => {
    const { rows } = summarize(await parse('android-zh.txt', { phone: '+852 9123 4567' }));
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T05:59:00Z', 'in', null, 'system', '消息和通话都进行端到端加密。对话之外的任何人，包括 WhatsApp，都无法读取或收听。轻触以了解更多。', null],
      [2, '2026-11-20T06:00:00Z', 'in', null, 'system', '示例商店创建了群组“售后服务”', null],
      [3, '2026-11-20T06:01:00Z', 'in', null, 'text', '你好，请问这件外套有M码吗？', '陈大文'],
      [4, '2026-11-20T06:02:00Z', 'out', '示例商店', 'text', '有的，黑色和灰色都有。', null],
      [5, '2026-11-20T06:03:00Z', 'in', null, 'document', null, '陈大文'],
      [6, '2026-11-20T06:04:00Z', 'in', null, 'revoked', null, '陈大文'],
      [7, '2026-11-20T16:30:00Z', 'in', null, 'text', '谢谢', '陈大文'],
    ]);
  });

  it('Chinese, iOS: the encryption notice written under the contact name is a system line', async () => {
    const { rows } = summarize(await parse('ios-zh-hant.txt', { phone: '+852 9123 4567' }));
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T05:59:00Z', 'in', null, 'system', '訊息和通話均受端對端加密保護。在此對話以外的任何人（即使是 WhatsApp）都無法讀取或收聽這些內容。', null],
      [2, '2026-11-20T06:01:10Z', 'in', null, 'text', '你好，請問有M碼嗎？', '陳大文'],
      [3, '2026-11-20T06:02:20Z', 'out', '示例商店', 'text', '有的', null],
    ]);
  });

  it('rejects lines that are neither messages nor continuations, impossible dates and what continues them', async () => {
    const { rows, rejects } = summarize(await parse('bad-lines.txt', { phone: '+852 9123 4567' }));
    expect(rows.map((row) => row[0])).toEqual([2, 6]);
    expect(rejects).toEqual([
      { line: 1, reason: 'not a message line and nothing before it to continue (no date and time at its start)', raw: 'Chat exported by the store, do not edit' },
      { line: 3, reason: 'not a valid date and time (31/2/2026 14:04 read as dmy)', raw: '31/02/2026, 14:04 - Ana: a date that does not exist' },
      { line: 4, reason: 'continues a rejected line (line 3)', raw: 'and a line that continues it' },
      { line: 5, reason: 'not a valid date and time (20/11/2026 25:10 read as dmy)', raw: '20/11/2026, 25:10 - Ana: an hour that does not exist' },
    ]);
  });

  it('refuses the whole file, with the reason, when no phone can be found', async () => {
    const { rows, rejects } = summarize(await parse('WhatsApp Chat - Ana Gomez.txt'));
    expect(rows).toEqual([]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0].line).toBe(0);
    expect(rejects[0].reason).toBe('no customer phone; pass --phone (the export names the contact "Ana Gomez", not a number, and the file name carries none; 13 messages not loaded)');
    expect(rejects[0].raw.split('\n')[0]).toBe(fixtureLines('WhatsApp Chat - Ana Gomez.txt')[0]);
  });

  it('refuses a file whose dates read both ways, unless told the order', async () => {
    const refused = summarize(await parse('ambiguous-dates.txt', { phone: '+852 9123 4567' }));
    expect(refused.rows).toEqual([]);
    expect(refused.rejects.map((r) => [r.line, r.reason])).toEqual([
      [0, 'date order is ambiguous; pass --date-order dmy|mdy (every date reads both day-first and month-first; 3 messages not loaded)'],
    ]);
    const dmy = summarize(await parse('ambiguous-dates.txt', { phone: '+852 9123 4567', dateOrder: 'dmy' }));
    expect(dmy.rows.map((row) => row[1])).toEqual(['2026-11-05T02:00:00Z', '2026-11-05T02:05:00Z', '2026-11-06T00:00:00Z']);
    const mdy = summarize(await parse('ambiguous-dates.txt', { phone: '+852 9123 4567', dateOrder: 'mdy' }));
    expect(mdy.rows.map((row) => row[1])).toEqual(['2026-05-11T02:00:00Z', '2026-05-11T02:05:00Z', '2026-06-11T00:00:00Z']);
  });

  it('refuses a chat with two customers', async () => {
    const { rows, rejects } = summarize(await parse('group-two-customers.txt', { phone: '+852 9123 4567' }));
    expect(rows).toEqual([]);
    expect(rejects[0].reason).toBe(
      "more than one customer writes in this chat; add agents' names to business.sender_names (only one-to-one chats can be attributed: \"Ana\", \"Bea\"; 3 messages not loaded)",
    );
  });

  it('reads CRLF line endings and a byte-order mark', async () => {
    const lines = readFileSync(join(FIXTURES, 'android-crlf-bom.txt'), 'utf8').split('\n').filter((line) => line !== '');
    const { rows } = summarize(await parse('android-crlf-bom.txt', { phone: '+852 9123 4567' }, lines.map((line) => line.replace(/\r$/u, ''))));
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T06:03:00Z', 'in', null, 'text', 'Hola\nsegunda línea', 'Ana'],
      [3, '2026-11-20T06:04:00Z', 'out', 'Tienda Ejemplo', 'text', 'Hola Ana', null],
    ]);
  });
});

describe('chat-export shared samples', () => {
  const SAMPLES = '/work/shared/samples/exports';
  const sample = async (name: string) => {
    const lines = readFileSync(join(SAMPLES, name), 'utf8').split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
    return summarize(await parse(name, { file: join(SAMPLES, name), phone: '+852 9123 4567' }, lines));
  };

  it('reads the Android 24 h Spanish sample', async () => {
    const { rows, rejects } = await sample('android-24h-es.txt');
    expect(rejects).toEqual([]);
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T06:00:00Z', 'in', null, 'system', 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.', null],
      [2, '2026-11-20T06:03:00Z', 'in', null, 'text', 'Hola, ¿tienen este abrigo en talla M?', 'Ana Gómez'],
      [3, '2026-11-20T06:03:00Z', 'in', null, 'document', null, 'Ana Gómez'],
      [4, '2026-11-20T06:06:00Z', 'out', 'Tienda Ejemplo', 'text', '¡Hola Ana! Sí, tenemos talla M 😊\nTambién en negro y gris.', null],
      [6, '2026-11-20T06:10:00Z', 'in', null, 'text', '¿Cuánto cuesta el envío?', 'Ana Gómez'],
      [7, '2026-11-21T01:02:00Z', 'out', 'Tienda Ejemplo', 'text', 'El envío es gratis desde 500 HKD.', null],
    ]);
  });

  it('reads the iOS 12 h English sample', async () => {
    const { rows, rejects } = await sample('ios-12h-en.txt');
    expect(rejects).toEqual([]);
    expect(rows).toEqual<Expected[]>([
      [1, '2026-11-20T06:03:12Z', 'in', null, 'text', 'Hi, do you have this coat in size M?', 'Ana Gomez'],
      [2, '2026-11-20T06:03:40Z', 'in', null, 'image', null, 'Ana Gomez'],
      [3, '2026-11-20T06:06:05Z', 'out', 'Example Store', 'text', 'Hi Ana! Yes, size M is in stock\nin black and grey.', null],
      [5, '2026-11-21T01:02:00Z', 'out', 'Example Store', 'text', 'Shipping is free over 500 HKD.', null],
    ]);
  });
});

describe('chat-export message ids', () => {
  const name = 'Chat de WhatsApp con +34 612 34 56 78.txt';

  it('are unique in a file, even for identical messages in the same minute, and the same on every parse', async () => {
    const first = summarize(await parse(name)).messages.map((m) => m.messageId);
    const second = summarize(await parse(name)).messages.map((m) => m.messageId);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
    expect(first.every((id) => /^chatexport_[0-9a-f]{32}$/u.test(id))).toBe(true);
  });

  it('do not depend on how the contact is saved, nor on the export covering more messages', async () => {
    const original = summarize(await parse(name)).messages;
    const renamed = fixtureLines(name).map((line) => line.replace('Lucía Pérez', 'Lucía (cliente VIP)'));
    const longer = [...renamed, '14/12/2026, 10:00 - Lucía (cliente VIP): ¿Y las botas?'];
    const reexported = summarize(await parse(name, {}, longer)).messages;
    expect(reexported.slice(0, original.length).map((m) => m.messageId)).toEqual(original.map((m) => m.messageId));
    expect(reexported).toHaveLength(original.length + 1);
  });

  it('differ for different customers, times or texts', async () => {
    const a = summarize(await parse(name)).messages;
    const b = summarize(await parse(name, { phone: '+34 699 11 22 33' })).messages;
    expect(a.map((m) => m.messageId).filter((id) => b.some((m) => m.messageId === id))).toEqual([]);
  });
});
