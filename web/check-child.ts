/**
 * A check run by the explorer's server, in a child process: a search can hold the CPU and memory
 * for a while, and the server must keep answering the browser meanwhile. The parent sends one
 * `CheckRequest`; the child sends progress messages, then the result or the error, and exits.
 */
import { explore } from '../explorer/explore';
import type { Progress } from '../explorer/options';
import type { Result, RunInfo } from '../explorer/result';
import type { ModelSource } from '../explorer/spec';

export interface CheckRequest {
  readonly source: ModelSource;
  readonly run: Omit<RunInfo, 'symmetry' | 'workers'>;
  readonly workers: number;
  readonly symmetry: boolean;
  /** Count coverage (`mc check --coverage`), for the page to say which steps the verdicts cover. */
  readonly coverage?: boolean;
}

export type CheckMessage =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'result'; readonly result: Result }
  | { readonly type: 'error'; readonly message: string };

function send(message: CheckMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

// The server went away (killed, crashed): nobody is left to read the result, so stop searching.
process.once('disconnect', () => process.exit(0));

process.once('message', (request: CheckRequest) => {
  void (async () => {
    try {
      const result = await explore(request.source, request.run, {
        workers: request.workers,
        symmetry: request.symmetry,
        ...(request.coverage === true ? { coverage: true } : {}),
        onProgress: (progress) => void send({ type: 'progress', progress }),
      });
      await send({ type: 'result', result });
    } catch (e) {
      await send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
    process.exit(0);
  })();
});
