/**
 * A worker thread of the search (search-threads.ts): loads the modules it is told to as it
 * starts, then builds its own copy of the model when a search hands it the model's source, and
 * expands batches.
 */
import workerpool from 'workerpool';
import { workerData, type MessagePort } from 'worker_threads';
import { planChecks } from './checks';
import { expandSearchBatch, transferables, type Batch } from './expand';
import { giveBack } from './expansion-buffers';
import { loadHasher, seededFingerprint } from './fingerprint';
import type { SpecDefinition } from './spec';
import type { SearchSetup, SearchThreadData } from './search-threads';
import { readyForTransfers } from './transfer-ready';

// Before any of the search's code runs, let alone gets compiled (transfer-ready.ts).
readyForTransfers();
for (const module of (workerData as SearchThreadData).preload) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(module);
  } catch {
    // Loading ahead only saves time: `serve` loads the module again and reports its error as
    // the search's. Not caught, the error would fail the thread's start, which the pool would
    // retry, failing again each time.
  }
}
const hasher = loadHasher();

/** An error as plain own properties, as it can cross to the main thread (spec-error.ts). */
function serialised(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  return JSON.parse(JSON.stringify(error, Object.getOwnPropertyNames(error))) as Record<string, unknown>;
}

workerpool.worker({
  /**
   * Builds `source`'s model, then expands the batches sent on `port`, in the order they come,
   * answering each with its expansion (or the error expanding it threw) as soon as it is built;
   * ends when the port closes. One long task per thread, so that batches wait in this thread's
   * queue (executor.ts).
   */
  async serve(port: MessagePort, { source, symmetry, fingerprintSeed }: SearchSetup) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = (require(source.module) as { spec: SpecDefinition }).spec.build(source.args);
    const plan = planChecks(model);
    const hash = fingerprintSeed === 0 ? await hasher : seededFingerprint(fingerprintSeed);
    await new Promise<void>((resolve) => {
      port.on('message', ({ id, batch, spare }: { id: number; batch: Batch; spare?: ArrayBuffer }) => {
        // A buffer of an expansion the search has merged, back for reuse (expansion-buffers.ts).
        if (spare) giveBack(spare);
        try {
          const expansion = expandSearchBatch(model, plan, symmetry, hash, batch);
          port.postMessage({ id, expansion }, transferables(expansion));
        } catch (error) {
          port.postMessage({ id, error: serialised(error) });
        }
      });
      port.on('close', resolve);
      // Batches go to this thread from now on (executor.ts).
      port.postMessage({ ready: true });
    });
  },
});
