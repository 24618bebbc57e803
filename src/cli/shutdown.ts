import { signalExitCode } from './exit-codes.js';

export interface Shutdown {
  /** Aborted on the first SIGINT or SIGTERM, with `interrupted by SIG…` as its reason. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Stops listening; the default behaviour of the signals returns. */
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Turns SIGINT / SIGTERM into a clean stop: the first asks the work to stop at its next safe
 * point; a second one quits at once, leaving the pipeline lock behind so the next run finds it
 * stale and records the interrupted stage as abandoned.
 */
export function shutdownOnSignals(onFirst: (signal: NodeJS.Signals) => void): Shutdown {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (received) process.exit(signalExitCode(signal));
    received = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
    onFirst(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handle);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const signal of SIGNALS) process.off(signal, handle);
    },
  };
}
