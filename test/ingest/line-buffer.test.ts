import { describe, expect, it } from 'vitest';
import { joinLines, LineBuffer, splitLines } from '../../src/ingest/line-buffer.js';

const decode = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

describe('LineBuffer', () => {
  it('holds the UTF-8 of its lines joined by newlines, growing past its first allocation', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ i, text: `¿cuánto? 😊 你好 ${'x'.repeat(i % 300)}` }));
    const buffer = new LineBuffer();
    for (const line of lines) buffer.push(line);
    const bytes = buffer.take();
    expect(bytes.byteLength).toBeGreaterThan(256 * 1024);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(lines.join('\n'), 'utf8'))).toBe(0);
  });

  it('takes nothing when no line was pushed', () => {
    expect(new LineBuffer().take().byteLength).toBe(0);
  });

  it('splits into its lines and joins them back, so rows can be dropped by position', () => {
    const buffer = new LineBuffer();
    for (const line of ['{"a":"é"}', '{"a":"😊"}', '{"a":"z"}']) buffer.push(line);
    const lines = splitLines(buffer.take());
    expect(lines.map(decode)).toEqual(['{"a":"é"}', '{"a":"😊"}', '{"a":"z"}']);
    expect(decode(joinLines([lines[0], lines[2]]))).toBe('{"a":"é"}\n{"a":"z"}');
    expect(joinLines([]).byteLength).toBe(0);
  });
});
