import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sentimentScore } from '../../src/enrich/sentiment.js';
import { extractEmojis, normalizeText, tokenize } from '../../src/enrich/text.js';
import { normalizePhone, normalizeWaId, regionOf } from '../../src/ingest/phone.js';
import { blockText, readLineBlocks, type LineBlock } from '../../src/ingest/read/lines.js';
import { parseInstant } from '../../src/ingest/time.js';

async function blocks(chunks: (string | Buffer)[], max: number): Promise<LineBlock[]> {
  const out: LineBlock[] = [];
  for await (const block of readLineBlocks(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(block);
  return out;
}

/** Line number → text, as a parser sees the blocks. */
function lines(all: LineBlock[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of all) blockText(block).split('\n').forEach((text, i) => text && map.set(block.firstLine + i, text));
  return map;
}

describe('line reader', () => {
  it('numbers lines across chunk boundaries, including a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('uno\ndós\n\ntres 😀\ncuatro');
    const split = bytes.indexOf(Buffer.from('😀')) + 2;
    const result = await blocks([bytes.subarray(0, 5), bytes.subarray(5, split), bytes.subarray(split)], 100);
    expect([...lines(result)]).toEqual([
      [1, 'uno'],
      [2, 'dós'],
      [4, 'tres 😀'],
      [5, 'cuatro'],
    ]);
    expect(result.flatMap((b) => b.oversized)).toEqual([]);
  });

  it('skips a line over the limit as it streams by, keeping its number and only its beginning', async () => {
    const huge = 'x'.repeat(250);
    const result = await blocks(['\uFEFFa\n', huge.slice(0, 100), huge.slice(100, 200), huge.slice(200) + '\nb\n', 'c', huge, '\nd'], 120);
    expect([...lines(result)]).toEqual([
      [1, 'a'],
      [3, 'b'],
      [5, 'd'],
    ]);
    expect(result.flatMap((b) => b.oversized)).toEqual([
      // What had streamed in when the limit was passed; the rest was never held.
      { line: 2, bytes: 250, head: huge.slice(0, 200) },
      { line: 4, bytes: 251, head: 'c' + huge },
    ]);
  });

  it('reports oversized lines inside one chunk and at the end of the stream', async () => {
    const result = await blocks([`ok\n${'y'.repeat(30)}\nfine\n${'z'.repeat(40)}`], 20);
    expect([...lines(result)]).toEqual([
      [1, 'ok'],
      [3, 'fine'],
    ]);
    expect(result.flatMap((b) => b.oversized).map((o) => [o.line, o.bytes])).toEqual([
      [2, 30],
      [4, 40],
    ]);
  });
});

describe('enrichment and field parsing', () => {
  const score = (text: string) => {
    const norm = normalizeText(text);
    return sentimentScore(tokenize(norm), extractEmojis(text));
  };

  it('scores English, Spanish and emoji in [0, 1] with 0.5 neutral, and flips negated words', () => {
    expect(score('ok')).toBe(0.5);
    expect(score('我的包裹在哪裡')).toBe(0.5);
    expect(score('Excelente servicio, muchas gracias')).toBeGreaterThan(0.8);
    expect(score('This is terrible, I hate it')).toBeLessThan(0.2);
    expect(score('good')).toBeGreaterThan(0.5);
    expect(score('not good')).toBeLessThan(0.5);
    expect(score('no es bueno')).toBeLessThan(0.5);
    expect(score("don't like it")).toBeLessThan(0.5);
    expect(score('😍')).toBeGreaterThan(0.6);
    expect(score('😡')).toBeLessThan(0.5);
    for (const text of ['amazing amazing amazing wonderful 😍😍😍', 'awful horrible terrible 😡😡😡']) {
      expect(score(text)).toBeGreaterThan(0);
      expect(score(text)).toBeLessThan(1);
    }
  });

  it('normalizes phones to E.164 in the default region or the record country', () => {
    expect(normalizePhone('+852 9123 4567', 'TW')).toBe('+85291234567');
    expect(normalizePhone('9123 4567', 'HK')).toBe('+85291234567');
    expect(normalizePhone('0912-345-678', 'TW')).toBe('+886912345678');
    expect(normalizePhone('0034 612 34 56 78', 'HK')).toBe('+34612345678');
    expect(normalizePhone('0912-345-678', 'HK')).toBeNull();
    expect(normalizePhone('n/a', 'HK')).toBeNull();
    expect(normalizeWaId('886912345678', 'HK')).toBe('+886912345678');
    expect(normalizeWaId('120363000000000000@g.us', 'HK')).toBeNull();
    expect([regionOf('tw'), regionOf('Hong Kong'), regionOf('Spain'), regionOf('Atlantis'), regionOf(null)]).toEqual(['TW', 'HK', 'ES', null, null]);
  });

  it('parses Unix, ISO and Shopify times, zone-less ones in the business zone, and refuses impossible dates', () => {
    expect(parseInstant('1795154592', 'UTC')).toBe(1795154592000);
    expect(parseInstant(1795154592123, 'UTC')).toBe(1795154592123);
    expect(parseInstant('2026-11-20T06:30:00.120Z', 'UTC')).toBe(Date.UTC(2026, 10, 20, 6, 30, 0, 120));
    expect(parseInstant('2026-11-20 17:12:44 +0800', 'UTC')).toBe(Date.UTC(2026, 10, 20, 9, 12, 44));
    expect(parseInstant('2026-11-20T01:00:00-05:00', 'UTC')).toBe(Date.UTC(2026, 10, 20, 6));
    expect(parseInstant('2026-11-20 14:30', 'Asia/Hong_Kong')).toBe(Date.UTC(2026, 10, 20, 6, 30));
    expect(parseInstant('2026-07-01 12:00', 'Europe/Madrid')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(parseInstant('2026-02-30T00:00:00Z', 'UTC')).toBeNull();
    expect(parseInstant('yesterday', 'UTC')).toBeNull();
    expect(parseInstant('12345', 'UTC')).toBeNull();
  });
});
