import cliProgress from 'cli-progress';

export interface Progress {
  /** Advances by bytes read (of the raw, possibly compressed, input) and records parsed so far. */
  update(bytesDone: number, records: number): void;
  stop(): void;
}

/** A progress display of the caller's own (a pipeline stage's bar), made once the input's size is known. */
export type ProgressFactory = (label: string, totalBytes: number) => Progress;

/** Every this often a plain progress line is printed when stderr is not a terminal. */
const PLAIN_INTERVAL_MS = 5_000;

/** A progress bar on a terminal; plain periodic lines otherwise (logs, CI); nothing when disabled. */
export function createProgress(label: string, totalBytes: number, mode: 'auto' | 'off' | ProgressFactory = 'auto', stream: NodeJS.WriteStream = process.stderr): Progress {
  if (typeof mode === 'function') return mode(label, totalBytes);
  if (mode === 'off') return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {records} records | {mb}/{totalMb} MB | eta {eta_formatted}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { records: 0, mb: '0.0', totalMb: (totalBytes / 1e6).toFixed(1) });
    return {
      update: (bytes, records) => bar.update(Math.min(bytes, totalBytes), { records, mb: (bytes / 1e6).toFixed(1) }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let last = started;
  return {
    update(bytes, records) {
      const now = Date.now();
      if (now - last < PLAIN_INTERVAL_MS) return;
      last = now;
      const percent = totalBytes > 0 ? ` (${Math.min(100, (100 * bytes) / totalBytes).toFixed(0)}%)` : '';
      stream.write(`${label}: ${records} records, ${(bytes / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB${percent}, ${((now - started) / 1000).toFixed(0)} s\n`);
    },
    stop() {},
  };
}
