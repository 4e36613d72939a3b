/**
 * The signals that stop a search cleanly: Ctrl-C (SIGINT), `kill` (SIGTERM) and a closed terminal
 * (SIGHUP). The first one asks for a clean stop (the partial report, exit 3 unless a violation was
 * found, the terminal restored by the normal path); a second one exits at once, after restoring
 * the terminal.
 */
import { STOP_SIGNALS, type StopSignal } from '../explorer/result';

export { STOP_SIGNALS };

/** Shell convention for "killed by signal n": 128 + n. */
const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Installs the handlers; returns the function that removes them. The first signal aborts
 * `controller` with the signal's name as the reason (`controller.signal.reason`), so that the run
 * can say what stopped it.
 */
export function onStopSignals(controller: AbortController, restoreTerminal: () => void): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = (): void => {
      if (controller.signal.aborted) {
        // A second signal: the user does not want to wait for the clean stop.
        restoreTerminal();
        process.exit(SIGNAL_EXIT[signal]);
      }
      controller.abort(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

