/**
 * The worker threads a search expands batches in, which can be started before the model is
 * known. A thread takes a while to become useful: on this project's 2-core machine a search
 * thread ran its script 107-177 ms after the pool was created and had loaded the engine and the
 * spec and built the model 23-79 ms later (TwoPhase and nfs, timestamps). Started with the
 * search, that is time the calling thread works alone; started while the process is still
 * loading (the CLI's first module, bench/child.ts), it runs beside the main thread's own
 * loading. The threads build the model only when a search hands them its source (worker.ts).
 */
import * as path from 'path';
import workerpool from 'workerpool';
import { compiledModule } from './load';
import type { ModelSource } from './spec';
import { readyForTransfers } from './transfer-ready';

/** What a search thread is started with: modules to load before any search asks for them. */
export interface SearchThreadData {
  /** Compiled module paths, required in this order as the thread starts (a spec's module). */
  readonly preload: readonly string[];
}

/** What a search tells its threads: the model (a compiled module path), whether to reduce, and the fingerprints' seed. */
export interface SearchSetup {
  readonly source: ModelSource;
  readonly symmetry: boolean;
  readonly fingerprintSeed: number;
}

export interface SearchThreads {
  readonly pool: ReturnType<typeof workerpool.pool>;
  /** How many threads (the pool's minimum and maximum). */
  readonly count: number;
  /** Ends every thread; calling it again does nothing more. */
  close(): Promise<void>;
}

/**
 * Starts `count` search threads now, each loading `preload` (module paths, TypeScript sources or
 * compiled) as soon as it runs.
 */
export function startSearchThreads(count: number, preload: readonly string[] = []): SearchThreads {
  // This thread will send batches to them: see transfer-ready.ts.
  readyForTransfers();
  const workerData: SearchThreadData = { preload: preload.map(compiledModule) };
  const pool = workerpool.pool(compiledModule(path.join(__dirname, 'worker')), {
    workerType: 'thread',
    minWorkers: count,
    maxWorkers: count,
    workerThreadOpts: { workerData },
  });
  let closing: Promise<void> | undefined;
  return {
    pool,
    count,
    close: () =>
      (closing ??= (async () => {
        try {
          await pool.terminate(true);
        } catch {
          // Nothing to undo: no search uses the threads any more, and the process ends them.
        }
      })()),
  };
}
