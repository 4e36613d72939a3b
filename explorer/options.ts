import type { SearchThreads } from './search-threads';
import type { Hasher } from './fingerprint';

/** How a search runs. Limits stop it cleanly; a stopped search never claims a property holds. */
export interface ExploreOptions {
  /** Threads sharing each BFS level: the calling thread and `workers - 1` worker threads. */
  readonly workers: number;
  /** Reduce by the model's `canonical` (ignored when the model has none). */
  readonly symmetry: boolean;
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  /**
   * A ceiling on the process's resident memory, in bytes: the search stops before the next growth
   * of its tables would pass it (growth is counted ahead, with room kept for the heaps: memory-ceiling.ts).
   */
  readonly maxMemory?: number;
  /** Stop at the end of the BFS level in which the first violation was found. */
  readonly stopOnViolation?: boolean;
  /**
   * Keep every state's bytes and compare them whenever a fingerprint is found again, so that the
   * search meets no fingerprint collision (exact-states.ts); one that it meets makes it start again
   * with the next fingerprint seed, saying so.
   */
  readonly exact?: boolean;
  /**
   * The fingerprint function of each seed (`--exact` takes the next one after a collision): by
   * default MurmurHash3_x86_128 (fingerprint.ts). Tests pass a weak one to meet collisions. The
   * worker threads always hash with MurmurHash3, so another is refused with more than one worker.
   */
  readonly fingerprints?: (seed: number) => Hasher;
  /** Count the steps taken, into `Result.coverage` (coverage.ts). Off, the search counts nothing. */
  readonly coverage?: boolean;
  /** Called about every 200 ms while the search runs (progress display). */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting it (Ctrl-C) stops the search like a limit, with `interrupted`. */
  readonly signal?: AbortSignal;
  /**
   * Worker threads started ahead, while the caller was still loading (search-threads.ts). The
   * search takes them if they are as many as it needs (`workers - 1`); whether taken or not,
   * `explore` closes them before it returns.
   */
  readonly threads?: SearchThreads;
}

/**
 * What one breadth-first search reads of the run's options: its limits, progress and abort, and
 * `workers` for how many batches to keep in flight. Symmetry, exactness and the fingerprints are the
 * search context's (search-context.ts), resolved once for the run; the threads are the executor's.
 */
export type SearchLimits = Omit<ExploreOptions, 'symmetry' | 'threads' | 'exact' | 'fingerprints'>;

export interface Progress {
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
}
