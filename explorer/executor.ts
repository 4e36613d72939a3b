/**
 * Where batches are expanded: in the calling thread, and with more than one worker also in a
 * workerpool of threads. Every thread gives the same `Expansion` for the same batch, which is what
 * makes results independent of the worker count.
 */
import { MessageChannel, type MessagePort } from 'worker_threads';
import type { ModelSource } from './spec';
import { expandSearchBatch, shaped, type Batch, type Expansion } from './expand';
import { giveBack } from './expansion-buffers';
import { compiledModule } from './load';
import type { SearchContext } from './search-context';
import type { SearchSetup, SearchThreads } from './search-threads';
import { asSpecError } from './spec-error';

export interface Executor {
  expand(batch: Batch): Promise<Expansion>;
  /** The search has merged `e` and reads none of it again: its buffer may hold a later batch. */
  recycle(e: Expansion): void;
  /**
   * Resolves once every thread has built the model; rejects with the first thread's failure. A
   * search awaits it before it answers: a small search can end before a pool thread has even
   * started, and a model that a thread cannot build must fail the search every time, not only
   * when the search happened to need the thread.
   */
  built(): Promise<void>;
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
function expansionHere<S>({ model, plan, symmetry, hasher }: SearchContext<S>) {
  const waiting: Waiting[] = [];
  let scheduled = false;
  const turn = () => {
    scheduled = false;
    const next = waiting.shift();
    if (next === undefined) return;
    try {
      next.resolve(expandSearchBatch(model, plan, symmetry, hasher, next.batch));
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
    /** Batches not yet expanded fail with `error` (the search awaits them). */
    fail: (error: unknown) => {
      for (const w of waiting.splice(0)) w.reject(error);
    },
  };
}

export function inlineExecutor<S>(context: SearchContext<S>): Executor {
  const here = expansionHere(context);
  return {
    expand: here.expand,
    // Stryker disable next-line ArrowFunction: recycling saves memory only: a batch packed into a fresh buffer has the same contents
    recycle: (e) => giveBack(e.buffer),
    // The calling thread built the model before the search.
    built: async () => undefined,
    close: async () => here.clear(),
  };
}

/**
 * The executor of a search in `workers` threads: the calling thread alone for one, else the
 * calling thread and the `workers - 1` pool threads `threadsFor` gives.
 */
export function searchExecutor<S>(context: SearchContext<S>, source: ModelSource, workers: number, threadsFor: (count: number) => SearchThreads): Executor {
  return workers === 1 ? inlineExecutor(context) : poolExecutor(context, source, threadsFor(workers - 1));
}

/**
 * Batches queued per pool thread. workerpool gives a thread its next task only once this thread
 * has taken in the last one's result, which waits for the batch this thread is expanding: with a
 * task per batch a pool thread sat idle half the time (TwoPhase N = 8, CPU profile), 28 % with
 * tasks of eight. So each pool thread runs one long task (`serve` in worker.ts) that takes
 * batches from a MessagePort of its own: batches wait in the thread's own queue, and a result
 * comes back as soon as it is built.
 */
const QUEUED_PER_THREAD = 8;

/** A pool thread: the port its batches go through, and the batches it has not answered yet. */
interface PoolThread {
  readonly port: MessagePort;
  readonly answering: Map<number, Waiting>;
  /** Its model is built: it takes batches from now on. */
  ready: boolean;
  /** Settles when it has built the model (or failed to). */
  readonly built: Promise<void>;
  /** Resolves `built`: the thread said it is ready. */
  readonly hasBuilt: () => void;
  /** Settles when `port` has closed, from either side (this one, or the thread ending). */
  readonly closed: Promise<void>;
}

/**
 * What a pool thread says: that it is ready (once, first), or a batch's expansion, or the error
 * expanding it threw.
 */
type Answer =
  | { readonly ready: true }
  | { readonly id: number; readonly expansion: Expansion }
  | { readonly id: number; readonly error: Record<string, unknown> };

/**
 * The calling thread and the worker threads of `threads` expand each level (the executor owns
 * `threads`, started with the search or before it, and closes them). This thread expands batches
 * from the front of the waiting ones (those the merge needs first); a pool thread with room in
 * its queue takes the last ones. The calling thread also merges, so on two cores this is two busy
 * threads, where a pool of two beside a merging main thread was three threads on two cores. Where
 * a batch is expanded never changes its expansion.
 */
export function poolExecutor<S>(context: SearchContext<S>, source: ModelSource, threads: SearchThreads): Executor {
  const here = expansionHere(context);
  const setup: SearchSetup = { source: { ...source, module: compiledModule(source.module) }, symmetry: context.symmetry, fingerprintSeed: context.fingerprintSeed };
  let nextId = 0;
  /** The first pool thread's failure. */
  let failure: unknown;
  // Buffers of merged expansions, going back to the workers with the next batches (a worker keeps
  // spares of its own; which worker gets one does not matter).
  const returned: ArrayBuffer[] = [];
  const answer = (thread: PoolThread, a: Answer) => {
    if ('ready' in a) {
      thread.ready = true;
      thread.hasBuilt();
      return share();
    }
    const waiting = thread.answering.get(a.id);
    if (waiting === undefined) return;
    thread.answering.delete(a.id);
    if ('expansion' in a) waiting.resolve(shaped(a.expansion));
    // A spec mistake found in a worker arrives as a plain object carrying its fields.
    else waiting.reject(asSpecError(a.error) ?? Object.assign(new Error(), a.error));
    share();
  };
  const pooled: PoolThread[] = Array.from({ length: threads.count }, () => {
    const { port1, port2 } = new MessageChannel();
    let hasBuilt: () => void = () => undefined;
    let cannotBuild: (error: unknown) => void = () => undefined;
    const built = new Promise<void>((resolve, reject) => {
      hasBuilt = resolve;
      cannotBuild = reject;
    });
    // Read only by `built()`, which a search that failed or was interrupted never calls.
    built.catch(() => undefined);
    // Listened for from the start: the thread's end can close the port before `close` below runs.
    const closed = new Promise<void>((resolve) => port1.once('close', () => resolve()));
    const thread: PoolThread = { port: port1, answering: new Map(), ready: false, built, hasBuilt, closed };
    port1.on('message', (a: Answer) => answer(thread, a));
    // A workerpool promise: the task ends when the port closes, or is rejected when the pool is
    // terminated or the thread dies (or cannot build the model). Then every batch not expanded
    // yet fails with its error, and every later one: a thread that failed means the search is
    // wrong or stopping, whether or not a batch had reached it. (A stopped search awaits none of
    // them, and bfs.ts has caught each.)
    threads.pool.exec('serve', [port2, setup], { transfer: [port2] }).catch((error: unknown) => {
      failure ??= error;
      cannotBuild(error);
      for (const waiting of thread.answering.values()) waiting.reject(error);
      thread.answering.clear();
      here.fail(error);
    });
    return thread;
  });
  const send = (thread: PoolThread, waiting: Waiting) => {
    const id = nextId++;
    thread.answering.set(id, waiting);
    const spare = returned.pop();
    const { batch } = waiting;
    const transfer = [batch.data.buffer, batch.offsets.buffer, ...(spare ? [spare] : [])] as ArrayBuffer[];
    thread.port.postMessage({ id, batch, spare }, transfer);
  };
  // The front batch stays here: the merge needs it first, and sending it would only add a round
  // trip. A thread takes the last batches waiting, in order, as many as its queue has room for,
  // once it is ready: a batch sent to a thread still loading its model waits there while this
  // thread, done with its own, waits for it (TwoPhase N = 8: the calling thread idle for 0.13 s
  // of the search's first 0.4 s).
  const share = () => {
    for (const thread of pooled) {
      if (!thread.ready) continue;
      const room = Math.min(QUEUED_PER_THREAD - thread.answering.size, here.waiting() - 1);
      if (room > 0) for (const waiting of here.takeLast(room)) send(thread, waiting);
    }
  };
  let sharing = false;
  return {
    expand: (batch) => {
      if (failure !== undefined) return Promise.reject(failure);
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
      if (returned.length < QUEUED_PER_THREAD * threads.count) returned.push(e.buffer);
      else giveBack(e.buffer);
    },
    built: async () => {
      await Promise.all(pooled.map((thread) => thread.built));
    },
    close: async () => {
      here.clear();
      // The threads first, at once: a `serve` task runs until its port closes, and a port closed
      // before a thread that was still starting took its task could not be handed over.
      await threads.close();
      // A port's closing completes on a later turn of the event loop: a search that returned
      // before it left a MessagePort behind, now and then (engine-verdicts "leaves no thread
      // behind" failed once in a CI run).
      for (const thread of pooled) thread.port.close();
      await Promise.all(pooled.map((thread) => thread.closed));
    },
  };
}
