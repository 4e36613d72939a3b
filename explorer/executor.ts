/**
 * Where batches are expanded: in the calling thread (one worker) or in a workerpool of threads.
 * Both give the same `Expansion` for the same batch, which is what makes results independent of
 * the worker count.
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

export function inlineExecutor<S>(model: Model<S>, symmetry: boolean, hasher: Hasher): Executor {
  const plan = planChecks(model);
  return {
    expand: async (batch) => {
      // Yield to the event loop between batches, or a SIGINT handler (Ctrl-C) would never run.
      await new Promise<void>((resolve) => setImmediate(resolve));
      sampleBatch(model, symmetry, batch);
      return expandBatch(model, plan, symmetry, hasher, batch);
    },
    // Stryker disable next-line ArrowFunction: recycling saves memory only: a batch packed into a fresh buffer has the same contents
    recycle: (e) => giveBack(e.buffer),
    close: async () => undefined,
  };
}

export function poolExecutor(source: ModelSource, symmetry: boolean, workers: number): Executor {
  const script = compiledModule(path.join(__dirname, 'worker'));
  const pool = workerpool.pool(script, {
    workerType: 'thread',
    minWorkers: workers,
    maxWorkers: workers,
    workerThreadOpts: { workerData: { source: { ...source, module: compiledModule(source.module) }, symmetry } },
  });
  // Buffers of merged expansions, going back to the workers with the next batches (a worker keeps
  // spares of its own; which worker gets one does not matter).
  const returned: ArrayBuffer[] = [];
  return {
    // Kept a workerpool promise (not `async`): batches still in flight when a stopped search
    // terminates the pool are rejected, and a native promise would make that an unhandled rejection.
    expand: (batch) => {
      const spare = returned.pop();
      const transfer = [batch.data.buffer, batch.offsets.buffer, ...(spare ? [spare] : [])] as ArrayBuffer[];
      return pool.exec('expand', [batch, spare], { transfer }).catch((e: unknown) => {
        // A spec mistake found in a worker arrives as a plain Error carrying its fields.
        throw asSpecError(e) ?? e;
      }) as unknown as Promise<Expansion>;
    },
    // Stryker disable next-line BlockStatement: recycling saves memory only: a batch packed into a fresh buffer has the same contents
    recycle: (e) => {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how many spares go back saves memory only, never changes a batch's contents
      if (returned.length < 2 * workers) returned.push(e.buffer);
    },
    close: async () => {
      await pool.terminate();
    },
  };
}
