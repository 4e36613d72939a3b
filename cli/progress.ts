/**
 * The one-line progress display: shown only when stdout is a terminal and `--quiet` is off, and
 * cleared before the report is printed.
 */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../explorer/options';
import { count, duration } from '../reports/format';

export interface ProgressDisplay {
  update(p: Progress): void;
  /** Clears the line (idempotent). */
  stop(): void;
}

const NONE: ProgressDisplay = { update() {}, stop() {} };

export function progressLine(p: Progress): string {
  const rate = p.seconds > 0 ? p.distinct / p.seconds : 0;
  return (
    `${count(p.generated)} generated, ${count(p.distinct)} distinct, ${count(p.queue)} queued, ` +
    `${count(rate)} states/s, ${duration(p.seconds)}, depth ${p.depth}`
  );
}

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stdout): ProgressDisplay {
  if (!enabled) return NONE;
  let last: Progress | undefined;
  let started = false;
  let stopped = false;
  const bar = new SingleBar({
    stream,
    format: () => (last ? `  ${progressLine(last)}  (Ctrl-C stops and reports)` : '  starting...'),
    clearOnComplete: true,
    hideCursor: true,
    // mc handles SIGINT itself (a clean stop and a report); the bar must not exit the process.
    gracefulExit: false,
    fps: 5,
    linewrap: false,
  });
  return {
    update(p) {
      if (stopped) return;
      last = p;
      if (!started) {
        started = true;
        bar.start(1, 0);
      } else {
        bar.update(0);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (started) bar.stop();
    },
  };
}

export interface StatusLine {
  /** Replaces the line with `text`. */
  show(text: string): void;
  /** Erases the line and puts the cursor back at its start (idempotent). */
  clear(): void;
}

/**
 * A one-line status on a terminal (`mc matrix: 2/5 cells`), rewritten in place and erased when
 * done, as the search's progress line is: what follows starts on a clean line. The cursor stays
 * visible, so a run killed mid-line leaves nothing to restore. A line is cut to the terminal's
 * width (79 columns when it does not say): a wrapped line would not be erased whole.
 */
export function createStatusLine(enabled: boolean, stream: Pick<NodeJS.WriteStream, 'write'> & { readonly columns?: number } = process.stderr): StatusLine {
  if (!enabled) return { show() {}, clear() {} };
  const ERASE = '\r\x1b[2K';
  let shown = false;
  return {
    show(text) {
      shown = true;
      const columns = stream.columns ?? 0;
      stream.write(ERASE + text.slice(0, columns > 0 ? columns - 1 : 79));
    },
    clear() {
      if (!shown) return;
      shown = false;
      stream.write(ERASE);
    },
  };
}
