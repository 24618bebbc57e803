import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/ingest/progress.js';

function stream(isTTY: boolean): { out: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk) => (text += chunk.toString()));
  return { out: Object.assign(pass, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress', () => {
  afterEach(() => vi.useRealTimers());

  it('prints a plain line every few seconds when not on a terminal', () => {
    vi.useFakeTimers({ now: 0 });
    const { out, text } = stream(false);
    const progress = createProgress('ingest whatsapp', 10_000_000, 'auto', out);
    progress.update(1_000_000, 2000);
    expect(text()).toBe('');
    vi.setSystemTime(6_000);
    progress.update(5_000_000, 10_000);
    progress.stop();
    expect(text()).toBe('ingest whatsapp: 10000 records, 5.0 of 10.0 MB (50%), 6 s\n');
  });

  it('draws a bar on a terminal and nothing when turned off', async () => {
    const tty = stream(true);
    const bar = createProgress('ingest orders', 1000, 'auto', tty.out);
    bar.update(500, 7);
    bar.stop();
    expect(tty.text()).toMatch(/ingest orders \[.*\] (50|100)% \| 7 records/);
    const off = stream(false);
    const none = createProgress('ingest orders', 1000, 'off', off.out);
    none.update(1000, 1);
    none.stop();
    expect(off.text()).toBe('');
  });
});
