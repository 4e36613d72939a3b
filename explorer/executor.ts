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
import type { Hasher } from './fingerprint';
import { compiledModule } from './load';
import { asSpecError } from './spec-error';
import { sampleBatch } from './spec-check';

export interface Executor {
  expand(batch: Batch): Promise<Expansion>;
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
  return {
    // Kept a workerpool promise (not `async`): batches still in flight when a stopped search
    // terminates the pool are rejected, and a native promise would make that an unhandled rejection.
    expand: (batch) =>
      pool.exec('expand', [batch], { transfer: [batch.data.buffer, batch.offsets.buffer] }).catch((e: unknown) => {
        // A spec mistake found in a worker arrives as a plain Error carrying its fields.
        throw asSpecError(e) ?? e;
      }) as unknown as Promise<Expansion>,
    close: async () => {
      await pool.terminate();
    },
  };
}
