/**
 * Where batches are expanded: in the calling thread, and with more than one worker also in a
 * workerpool of threads. Every thread gives the same `Expansion` for the same batch, which is what
 * makes results independent of the worker count.
 */
import * as path from 'path';
import workerpool from 'workerpool';
import type { Model } from './model';
import type { ModelSource } from './spec';
import { planChecks } from './checks';
import { expandBatch, type Batch, type Expansion } from './expand';
import { giveBack } from './expansion-buffers';
import type { Hasher } from './fingerprint';
import { compiledModule } from './load';
import { asSpecError } from './spec-error';
import { sampleBatch } from './spec-check';

export interface Executor {
  expand(batch: Batch): Promise<Expansion>;
  /** The search has merged `e` and reads none of it again: its buffer may hold a later batch. */
  recycle(e: Expansion): void;
  close(): Promise<void>;
}

/** A batch waiting for the calling thread, and where its expansion goes. */
interface Waiting {
  readonly batch: Batch;
  readonly resolve: (e: Expansion) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Expansion in the calling thread, one batch per turn of the event loop: between two batches the
 * loop delivers the pool's results and the search merges what is ready, so neither the merge nor
 * a worker thread waits on more than one batch expanded here. (A Ctrl-C handler runs there too.)
 */
function expansionHere<S>(model: Model<S>, symmetry: boolean, hasher: Hasher) {
  const plan = planChecks(model);
  const waiting: Waiting[] = [];
  let scheduled = false;
  const turn = () => {
    scheduled = false;
    const next = waiting.shift();
    if (next === undefined) return;
    try {
      sampleBatch(model, symmetry, next.batch);
      next.resolve(expandBatch(model, plan, symmetry, hasher, next.batch));
    } catch (error) {
      next.reject(error);
    }
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  return {
    expand: (batch: Batch) =>
      new Promise<Expansion>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        schedule();
      }),
    waiting: () => waiting.length,
    /** The last `count` batches waiting here, in order, taken away to be expanded elsewhere. */
    takeLast: (count: number): Waiting[] => waiting.splice(waiting.length - count, count),
    /** Batches not yet expanded are dropped: a stopped search awaits none of them. */
    clear: () => {
      waiting.length = 0;
    },
  };
}

export function inlineExecutor<S>(model: Model<S>, symmetry: boolean, hasher: Hasher): Executor {
  const here = expansionHere(model, symmetry, hasher);
  return {
    expand: here.expand,
    // Stryker disable next-line ArrowFunction: recycling saves memory only: a batch packed into a fresh buffer has the same contents
    recycle: (e) => giveBack(e.buffer),
    close: async () => here.clear(),
  };
}

/**
 * Batches per task sent to a pool thread. workerpool gives a thread its next task only once this
 * thread has taken in the last one's result, which waits for the batch this thread is expanding:
 * with one batch per task a pool thread sat idle half the time (TwoPhase N = 8, CPU profile).
 * Results still come back batch by batch (`workerEmit`), so the merge never waits for a whole task.
 */
const BATCHES_PER_TASK = 8;

/**
 * `threads` threads expand each level: the calling thread and `threads - 1` worker threads. This
 * thread expands batches from the front of the waiting ones (those the merge needs first); a pool
 * thread that is free takes a task of the last ones. The calling thread also merges, so on two
 * cores this is two busy threads, where a pool of two beside a merging main thread was three
 * threads on two cores. Where a batch is expanded never changes its expansion.
 */
export function poolExecutor<S>(model: Model<S>, source: ModelSource, symmetry: boolean, hasher: Hasher, threads: number): Executor {
  const here = expansionHere(model, symmetry, hasher);
  const poolThreads = threads - 1;
  const script = compiledModule(path.join(__dirname, 'worker'));
  const pool = workerpool.pool(script, {
    workerType: 'thread',
    minWorkers: poolThreads,
    maxWorkers: poolThreads,
    workerThreadOpts: { workerData: { source: { ...source, module: compiledModule(source.module) }, symmetry } },
  });
  let busyThreads = 0;
  // Buffers of merged expansions, going back to the workers with the next batches (a worker keeps
  // spares of its own; which worker gets one does not matter).
  const returned: ArrayBuffer[] = [];
  const send = (tasks: Waiting[]) => {
    busyThreads++;
    const batches = tasks.map((t) => t.batch);
    const spares = returned.splice(0, tasks.length);
    const transfer = [...batches.flatMap((b) => [b.data.buffer, b.offsets.buffer]), ...spares] as ArrayBuffer[];
    const on = (done: { index: number; expansion: Expansion }) => tasks[done.index]!.resolve(done.expansion);
    // A workerpool promise: one still in flight when a stopped search terminates the pool is
    // rejected, and handled here (a native promise would have to be, or the process would exit).
    pool.exec('expandEach', [batches, spares], { transfer, on }).then(
      () => free(),
      (error: unknown) => {
        // A spec mistake found in a worker arrives as a plain Error carrying its fields; the
        // batches it did not reach are rejected with it too, and the merge meets the failing
        // one first (batches are merged in order and a task's batches are in order).
        const reason = asSpecError(error) ?? error;
        for (const t of tasks) t.reject(reason);
        free();
      },
    );
  };
  const free = () => {
    busyThreads--;
    share();
  };
  // The front batch stays here: the merge needs it first, and sending it would only add a round trip.
  const share = () => {
    while (busyThreads < poolThreads && here.waiting() > 1) send(here.takeLast(Math.min(BATCHES_PER_TASK, here.waiting() - 1)));
  };
  let sharing = false;
  return {
    expand: (batch) => {
      const expansion = here.expand(batch);
      // Once the caller has dispatched all it will now (a level's first batches come together).
      if (!sharing) {
        sharing = true;
        queueMicrotask(() => {
          sharing = false;
          share();
        });
      }
      return expansion;
    },
    recycle: (e) => {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how many spares go back saves memory only, never changes a batch's contents
      if (returned.length < BATCHES_PER_TASK * poolThreads) returned.push(e.buffer);
      else giveBack(e.buffer);
    },
    close: async () => {
      here.clear();
      await pool.terminate();
    },
  };
}
