/**
 * How many worker threads `--workers` may ask for. Each worker is a thread with its own V8 heap
 * and its own copy of the model (about 10 MB before it holds any state), and the search cannot go
 * faster than the cores it runs on: past the cores, workers only add memory (`--workers 1000` on a
 * 667-state model once reached 9.5 GB). The bound is twice the available parallelism, so that
 * oversubscription can still be measured, at least 8 so that the worker-count independence of
 * results can be tested on any machine, and at most 64 (about 1 GB of idle workers).
 */
import * as os from 'os';

export const MIN_WORKER_BOUND = 8;
export const MAX_WORKER_BOUND = 64;

export function availableParallelism(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export function workerBound(): number {
  return Math.min(MAX_WORKER_BOUND, Math.max(MIN_WORKER_BOUND, 2 * availableParallelism()));
}

/**
 * For help and error messages. `mc matrix --jobs` has the same bound for the same reason: each
 * cell is a process with its own V8 heap and model.
 */
export function workerBoundReason(what: 'threads' | 'processes' = 'threads'): string {
  return `twice the ${availableParallelism()} available cores, at least ${MIN_WORKER_BOUND}, at most ${MAX_WORKER_BOUND}: more ${what} only add memory`;
}

/** `--workers` when not given: a thread per available core, within the bound. */
export function defaultWorkers(): number {
  return Math.min(workerBound(), availableParallelism());
}
