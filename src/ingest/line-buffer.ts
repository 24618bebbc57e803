const NEWLINE = 0x0a;
const INITIAL_BYTES = 256 * 1024;

/**
 * Encoded rows written straight into UTF-8 bytes, one line each. Rows made in a parse worker cross
 * to the loader as these bytes, transferred rather than copied, and are written to the load file or
 * request body as they are: no joined text, no copy between threads, no encoding in the loader.
 */
export class LineBuffer {
  private bytes = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private used = 0;

  push(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes come from 2 units).
    const most = this.used + line.length * 3 + 1;
    if (most > this.bytes.length) this.grow(most);
    this.used += this.bytes.write(line, this.used);
    this.bytes[this.used++] = NEWLINE;
  }

  /** A line already encoded (without its newline). */
  pushBytes(line: Uint8Array): void {
    const most = this.used + line.length + 1;
    if (most > this.bytes.length) this.grow(most);
    this.bytes.set(line, this.used);
    this.used += line.length;
    this.bytes[this.used++] = NEWLINE;
  }

  /**
   * The lines so far, separated by '\n' (none after the last). The view owns its ArrayBuffer, which
   * the caller may transfer to another thread; the buffer must not be pushed to afterwards.
   */
  take(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, Math.max(0, this.used - 1));
  }

  private grow(atLeast: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(atLeast, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}

/** Lines of NDJSON bytes (as `LineBuffer.take` gives them), as views on the same memory. */
export function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) break;
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

/** The lines joined by '\n' into new bytes: the inverse of `splitLines`. */
export function joinLines(lines: readonly Uint8Array[]): Uint8Array {
  const out = new LineBuffer();
  for (const line of lines) out.pushBytes(line);
  return out.take();
}
